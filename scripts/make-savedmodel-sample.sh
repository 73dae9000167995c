#!/bin/sh
# Writes sample-models/fashion_cnn_savedmodel/: the trained Fashion-MNIST CNN of
# src/test/resources/fixtures/fashion_cnn.onnx rebuilt with TensorFlow Java as a Keras-style (NHWC)
# SavedModel by the test-scope converter OnnxToSavedModel, with its preprocessing in
# compresslab.preprocessing.json, so the SavedModel import can be tried on a model whose accuracy means
# something. Usage: scripts/make-savedmodel-sample.sh [OUT]
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=${1:-sample-models/fashion_cnn_savedmodel}
./mvnw -o -q -B -DskipTests test-compile package
. "$ROOT/bin/engine-env.sh"
if [ -e "$OUT" ]; then
    # only ever replace an earlier SavedModel, never an unrelated folder given by mistake
    [ -f "$OUT/saved_model.pb" ] || { echo "$OUT exists and is not a SavedModel; choose another folder" >&2; exit 1; }
    rm -rf "$OUT"
fi
java -cp "target/classes:target/test-classes:target/lib/*" org.compresslab.runtime.tensorflow.OnnxToSavedModel \
    src/test/resources/fixtures/fashion_cnn.onnx "$OUT"
du -sh "$OUT"

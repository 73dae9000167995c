#!/bin/bash
# The TensorFlow SavedModel path on trained networks with BatchNorm, depthwise convolutions, ReLU6 and
# residual Adds: ResNet-20 and MobileNetV2-0.5 of sample-models rebuilt as Keras-style SavedModels by the
# test-scope converter OnnxToSavedModel (src/test/java/org/compresslab/runtime/tensorflow/), then for each:
#   convert   the SavedModel imported and written as ONNX (what `compress` measures as "imported"),
#   compare   TensorFlow running the SavedModel vs ONNX Runtime running its import: accuracy on all 10,000
#             test images, image-by-image agreement, latency interleaved (batch 1, 1 thread),
#   compare   the same with TensorFlow's oneDNN kernels on (TF_ENABLE_ONEDNN_OPTS=1; see below),
#   compare   the import vs the original ONNX file (both ONNX Runtime),
#   compress  the SavedModel with the shipped static int8 recipe: baseline (tensorflow), imported
#             (onnxruntime) and the int8 step, each on all 10,000 test images,
#   compress  the original ONNX file with the same recipe, for reference,
#   compare   interleaved: the import's int8 model vs the import, and vs the original's int8 model.
# Why a second TensorFlow run: the engine's environment holds oneDNN to AVX2 (DNNL_MAX_CPU_ISA, which DJL
# training needs on this CPU); TensorFlow's oneDNN kernels then ran 20-35x slower here, so bin/engine-env.sh
# turns them off (TF_ENABLE_ONEDNN_OPTS=0) and TensorFlow uses its own kernels. The second run shows why.
# About 8-10 minutes on 2 shared cores. Usage: bench/run-savedmodel.sh [MODEL ...] (default: resnet20
# mobilenetv2-0.5); BENCH_RUNS sets the timed runs (default 1000).
# Results: bench/results/savedmodel/<model>.{convert,compare,compare-tf-onednn-avx2,import-vs-onnx,compress,
#          onnx-compress,int8-vs-import,int8-vs-onnx-int8}.txt
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/engine-env.sh"
OUT=bench/results/savedmodel
WORK=target/bench-savedmodel
RUNS=${BENCH_RUNS:-1000}
mkdir -p "$OUT" "$WORK"
# the converter is test code: compile it with the application
./mvnw -q -B -o -DskipTests test-compile package
touch target/lib/.built

# a run is judged by what it printed too: the file must contain the expected text
cl() { # out-file expected-text compresslab-arguments...
    f=$1 expected=$2
    shift 2
    bin/compresslab "$@" > "$f"
    grep -q "$expected" "$f" || { echo "bin/compresslab $* failed; see $f" >&2; exit 1; }
}

run() { # model
    m=$1
    sm="$WORK/$m"
    import="$WORK/$m.import.onnx"
    rm -rf "$sm" "$WORK/$m-int8" "$WORK/$m-onnx-int8"
    java -cp "target/classes:target/test-classes:target/lib/*" org.compresslab.runtime.tensorflow.OnnxToSavedModel \
        "sample-models/$m.onnx" "$sm" 2> >(grep -v -e "^WARNING" -e "absl::InitializeLog" -e "mlir_graph_optimization_pass" >&2)
    cl "$OUT/$m.convert.txt" "^Wrote" convert "$sm" --out "$import"
    du -sb "$sm" "sample-models/$m.onnx" >> "$OUT/$m.convert.txt"
    cl "$OUT/$m.compare.txt" "^Agreement" compare "$sm" "$import" --dataset fashion-mnist --runs "$RUNS" --warmup 100
    # straight to java: bin/compresslab would set the engine's TF_ENABLE_ONEDNN_OPTS=0 again
    TF_ENABLE_ONEDNN_OPTS=1 java -cp "target/classes:target/lib/*" org.compresslab.Main compare "$sm" "$import" \
        --dataset fashion-mnist --runs "$RUNS" --warmup 100 > "$OUT/$m.compare-tf-onednn-avx2.txt" 2>/dev/null
    grep -q "^Agreement" "$OUT/$m.compare-tf-onednn-avx2.txt"
    cl "$OUT/$m.import-vs-onnx.txt" "^Agreement" compare "sample-models/$m.onnx" "$import" --dataset fashion-mnist \
        --runs "$RUNS" --warmup 100
    cl "$OUT/$m.compress.txt" "quantize.static-int8" compress "$sm" --recipe sample-models/recipes/static-int8.json \
        --dataset fashion-mnist --runs "$RUNS" --warmup 100 --out "$WORK/$m-int8"
    cl "$OUT/$m.onnx-compress.txt" "quantize.static-int8" compress "sample-models/$m.onnx" \
        --recipe sample-models/recipes/static-int8.json --dataset fashion-mnist --runs "$RUNS" --warmup 100 \
        --out "$WORK/$m-onnx-int8"
    # compress times its steps one after another; on shared cores only interleaved runs give a fair ratio
    int8=01-quantize.static-int8.onnx
    cl "$OUT/$m.int8-vs-import.txt" "^Agreement" compare "$import" "$WORK/$m-int8/$int8" --dataset fashion-mnist \
        --runs "$RUNS" --warmup 100
    cl "$OUT/$m.int8-vs-onnx-int8.txt" "^Agreement" compare "$WORK/$m-onnx-int8/$int8" "$WORK/$m-int8/$int8" \
        --dataset fashion-mnist --runs "$RUNS" --warmup 100
    echo "$m done"
}
if [ $# -eq 0 ]; then
    set -- resnet20 mobilenetv2-0.5
fi
for m in "$@"; do
    run "$m"
done

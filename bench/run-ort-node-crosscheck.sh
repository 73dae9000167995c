#!/bin/bash
# Do quantized models give the same outputs in ONNX Runtime Java (CompressLab's runtime) and in
# onnxruntime-node? Makes static int8 (resnet20, vit-tiny), dynamic int8 (vit-tiny, lenet5) and fp16 (lenet5)
# models with the CLI into target/crosscheck/, runs them and the float resnet20 in ORT Java on 64 Fashion-MNIST
# test images (bench/OrtOutputsDump.java), then in onnxruntime-node 1.29.0 on the same inputs
# (bench/crosscheck-node/compare.js) and compares the outputs bit for bit.
# Writes bench/results/ort-node-crosscheck.json; exits non-zero when any model's output differs.
# Needs node and npm; the first run installs onnxruntime-node into bench/crosscheck-node/node_modules with
# --ignore-scripts (its install script would download GPU binaries; the CPU binding ships in the package).
# A few minutes, mostly the CLI's calibration and evaluation.  Optional: CROSSCHECK_IMAGES (default 64).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/engine-env.sh"
command -v node >/dev/null && command -v npm >/dev/null || { echo "needs node and npm (e.g. apt-get install nodejs npm)" >&2; exit 2; }

./mvnw -q -B -o -Dmaven.test.skip=true package
# the build above is current: keep bin/compresslab from building a second time
touch target/lib/.built

WORK=target/crosscheck
rm -rf "$WORK"
mkdir -p "$WORK"
for technique in static-int8 dynamic-int8 fp16; do
    echo "{\"steps\":[{\"technique\":\"quantize.$technique\"}]}" > "$WORK/$technique.json"
done

# name model technique
MODELS=(
    "resnet20-static-int8 resnet20 static-int8"
    "vit-tiny-static-int8 vit-tiny static-int8"
    "vit-tiny-dynamic-int8 vit-tiny dynamic-int8"
    "lenet5-dynamic-int8 lenet5 dynamic-int8"
    "lenet5-fp16 lenet5 fp16"
)
DUMP_ARGS=("resnet20-fp32=sample-models/resnet20.onnx")
for entry in "${MODELS[@]}"; do
    read -r name model technique <<< "$entry"
    echo "== compress $model with quantize.$technique -> $WORK/$name" >&2
    bin/compresslab compress "sample-models/$model.onnx" --recipe "$WORK/$technique.json" --dataset fashion-mnist \
        --limit 200 --runs 5 --out "$WORK/$name"
    out="$WORK/$name/01-quantize.$technique.onnx"
    [ -f "$out" ] || { echo "the CLI wrote no $out" >&2; exit 1; }
    DUMP_ARGS+=("$name=$out")
done

echo "== ONNX Runtime Java outputs -> $WORK/dump" >&2
java -cp "target/classes:target/lib/*" bench/OrtOutputsDump.java --images "${CROSSCHECK_IMAGES:-64}" \
    "$WORK/dump" "${DUMP_ARGS[@]}"

if [ ! -d bench/crosscheck-node/node_modules/onnxruntime-node ]; then
    echo "== installing onnxruntime-node into bench/crosscheck-node/node_modules" >&2
    (cd bench/crosscheck-node && npm install --ignore-scripts --no-audit --no-fund)
fi

echo "== onnxruntime-node outputs, compared bit for bit" >&2
node bench/crosscheck-node/compare.js "$WORK/dump" bench/results/ort-node-crosscheck.json

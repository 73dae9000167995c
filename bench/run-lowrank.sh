#!/bin/bash
# Low-rank factorization measured with the CLI: lowrank.svd on LeNet-5 and the tiny ViT, lowrank.tucker on
# ResNet-20, each at rank ratio 0.5 then one epoch of fine-tuning (the shipped recipes); every step evaluated on
# all 10,000 test images; then the interleaved `compare` of the fine-tuned model against the original (1,000
# timed runs each, batch 1, 1 thread). About 15 minutes; run it on a quiet machine.
# Results: bench/results/lowrank/*.compress.json and *.compare.json.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=bench/results/lowrank
WORK=target/bench-lowrank
mkdir -p "$OUT" "$WORK"
run() { # name model recipe
    bin/compresslab compress "sample-models/$2.onnx" --recipe "sample-models/recipes/$3.json" \
        --dataset fashion-mnist --runs 200 --out "$WORK/$1" --json > "$OUT/$1.compress.json"
    last=$(ls "$WORK/$1"/*.onnx | sort | tail -n 1)
    bin/compresslab compare "sample-models/$2.onnx" "$last" --dataset fashion-mnist --runs 1000 \
        --warmup 100 --json > "$OUT/$1.compare.json"
    echo "$1 done"
}
run lenet5-svd lenet5 lowrank-svd
run vit-tiny-svd vit-tiny lowrank-svd
run resnet20-tucker resnet20 lowrank-tucker

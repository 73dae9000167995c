#!/bin/bash
# Pruning measured with the CLI: prune ResNet-20 (channels 50% + 2 epochs of fine-tuning; magnitude 80%
# without and with fine-tuning), then the interleaved `compare` of each result against the dense model
# (all 10,000 test images; 3,000 timed runs each, A B B A, batch 1, 1 thread). About 15 minutes; run it
# on a quiet machine. Results: bench/results/pruning/*.json (compress = the step reports and
# evaluations, compare = accuracy with McNemar and the latency ratio).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
OUT=bench/results/pruning
WORK=target/bench-pruning
mkdir -p "$OUT" "$WORK"
run() { # name recipe
    bin/compresslab compress sample-models/resnet20.onnx --recipe "sample-models/recipes/$2.json" \
        --dataset fashion-mnist --runs 200 --out "$WORK/$1" --json > "$OUT/$1.compress.json"
    last=$(ls "$WORK/$1"/*.onnx | sort | tail -n 1)
    bin/compresslab compare sample-models/resnet20.onnx "$last" --dataset fashion-mnist --runs 3000 \
        --warmup 200 --json > "$OUT/$1.compare.json"
}
run resnet20-channels-0.5-finetune prune-channels-finetune
run resnet20-magnitude-0.8 prune-magnitude-80
run resnet20-magnitude-0.8-finetune prune-magnitude-80-finetune

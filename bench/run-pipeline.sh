#!/bin/bash
# The seed pipeline: distil ResNet-20 into ResNet-8 → prune 30% of channels + fine-tune → quantization-aware
# training, every step evaluated on all 10,000 test images (sample-models/recipes/distill-prune-quantize.json).
# About 15 minutes on 2 cores. Results: bench/results/pipeline/distill-prune-quantize.json.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mkdir -p bench/results/pipeline target/bench-pipeline
bin/compresslab compress sample-models/resnet20.onnx --recipe sample-models/recipes/distill-prune-quantize.json \
    --dataset fashion-mnist --runs 300 --out target/bench-pipeline --json > bench/results/pipeline/distill-prune-quantize.json

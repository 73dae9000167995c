#!/bin/bash
# One network in two formats: fashion_cnn.pt (TorchScript traced by Debian's python3-torch) run by DJL's
# PyTorch engine, and fashion_cnn.onnx (PyTorch's ONNX export of the same weights) run by ONNX Runtime,
# compared on all 10,000 Fashion-MNIST test images (agreement, McNemar) with latency timed interleaved
# (A B B A …) at batch 1, 1 thread. About 20 s. Result: bench/results/torchscript-vs-onnx.txt.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mkdir -p bench/results
bin/compresslab compare src/test/resources/fixtures/fashion_cnn.pt src/test/resources/fixtures/fashion_cnn.onnx \
    --dataset fashion-mnist --runs 2000 2>/dev/null | tee bench/results/torchscript-vs-onnx.txt

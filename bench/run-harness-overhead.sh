#!/bin/sh
# Measures the evaluator's latency harness against a bare ONNX Runtime loop (see HarnessOverheadBench.java).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
./mvnw -q -B -Dmaven.test.skip=true package
java -cp "target/classes:target/lib/*" bench/HarnessOverheadBench.java bench/results/harness-overhead.json

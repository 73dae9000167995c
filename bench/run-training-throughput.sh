#!/bin/bash
# Training throughput of ResNet-20 run as a GraphBlock vs the same network in DJL's own blocks
# (see TrainingThroughputBench.java). Other load on the machine distorts it: run it on a quiet machine.
# Optional: BENCH_PAIRS (rounds per model, default 20), BENCH_BATCHES (batches of 128 per round, default 15).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/engine-env.sh"
./mvnw -q -B -Dmaven.test.skip=true package
# PyTorch prints "Could not initialize NNPACK" for every convolution on this CPU: keep stderr readable
java -Dbench.pairs="${BENCH_PAIRS:-20}" -Dbench.batches="${BENCH_BATCHES:-15}" -cp "target/classes:target/lib/*" \
    bench/TrainingThroughputBench.java bench/results/training-throughput.json 2> >(grep -v "NNPACK" >&2)

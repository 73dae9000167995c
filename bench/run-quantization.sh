#!/bin/bash
# Every quantization technique on the sample models against the float model, interleaved (see
# QuantizationBench.java). About 30–60 minutes (QAT trains); run it on a quiet machine.
# Usage: bench/run-quantization.sh [MODEL ...]   Optional: BENCH_RUNS (timed runs per model, default 3000),
# BENCH_SET=recovery (mixed precision and QAT where plain PTQ loses > 1 pt), BENCH_OUT (result file)
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/engine-env.sh"
./mvnw -q -B -o -Dmaven.test.skip=true package
OUT=${BENCH_OUT:-bench/results/quantization.json}
java -Dbench.runs="${BENCH_RUNS:-3000}" -Dbench.out="$OUT" -Dbench.set="${BENCH_SET:-all}" -cp "target/classes:target/lib/*" \
    bench/QuantizationBench.java "$@" 2> >(grep -v "NNPACK" >&2)

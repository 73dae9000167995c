#!/bin/bash
# Entropy (KL) calibration cross-check: CompressLab's range vs an independent numpy implementation of
# the standard KL threshold search, on the same ResNet-8 activation histograms. Needs python3-numpy.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/engine-env.sh"
./mvnw -q -B -o -Dmaven.test.skip=true package
OUT=bench/results/entropy-crosscheck.txt
java -cp "target/classes:target/lib/*" bench/EntropyCrosscheck.java target/entropy-crosscheck | tee "$OUT"
python3 bench/entropy-crosscheck.py target/entropy-crosscheck/*.hist | tee -a "$OUT"

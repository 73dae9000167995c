#!/bin/bash
# Builds the ResNet-20 study shown in the README's screenshots: each recipe run with `compress --project`,
# every model evaluated on all 10,000 test images (300 timed runs each). About 12 minutes on 2 cores; run
# it on a quiet machine, since latency is measured. Then: bin/compresslab gui "$STUDY".
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
STUDY=${1:-target/resnet20-study}
OUT=target/resnet20-study-models
run() { # out-name recipe run-name
    bin/compresslab compress sample-models/resnet20.onnx --recipe "sample-models/recipes/$2.json" \
        --dataset fashion-mnist --runs 300 --out "$OUT/$1" --project "$STUDY" --name "$3"
}
run int8 static-int8 "Static int8"
run fp16 fp16 "Float16"
run mag80 prune-magnitude-80 "Magnitude 80%"
run mag80ft prune-magnitude-80-finetune "Magnitude 80% + fine-tune"
run ch50 prune-channels-finetune "Channels 50% + fine-tune"
run pipe prune-channels-30-then-int8 "Channels 30% + fine-tune, then int8"
bin/compresslab report "$STUDY" --out "$STUDY/report.html" --csv "$STUDY/runs.csv"

#!/bin/bash
# Knowledge distillation ResNet-20 → ResNet-8 against the same student trained without the teacher (same
# seed, initialisation and schedule), for seeds 1–3. Budget: 3 epochs on 20,000 training images (a short
# schedule; set RECIPE=sample-models/recipes/distill-resnet8.json for all 60,000). Both students are judged
# on all 10,000 test images with McNemar between them. About 6 minutes per seed on 2 cores.
# Results: bench/results/distillation/seed-S.json (the compress JSON; the step report holds both students).
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RECIPE=${RECIPE:-bench/recipes/distill-resnet8-20k.json}
OUT=bench/results/distillation
mkdir -p "$OUT" target/bench-distillation
for seed in ${SEEDS:-1 2 3}; do
    bin/compresslab compress sample-models/resnet20.onnx --recipe "$RECIPE" --dataset fashion-mnist --seed "$seed" \
        --runs 100 --out "target/bench-distillation/seed-$seed" --json > "$OUT/seed-$seed.json"
    echo "seed $seed done"
done

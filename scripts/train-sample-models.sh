#!/bin/sh
# Trains the sample models on the bundled Fashion-MNIST with the CLI, then evaluates each on the
# 10,000 test images. Slow (about an hour for ResNet-20 on 2 cores): not part of `mvn verify`.
# Usage: scripts/train-sample-models.sh [ARCH ...]   (default: all, ResNet-20 first)
# Results: sample-models/<arch>.onnx, sample-models/logs/<arch>.{log,train.json,evaluate.json}
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
mkdir -p sample-models/logs
# Train from a frozen copy of the build, so editing or rebuilding the sources meanwhile cannot
# disturb a run that takes an hour.
"$ROOT/bin/compresslab" --version >/dev/null
APP=$(mktemp -d)
cp -r "$ROOT/target/classes" "$ROOT/target/lib" "$APP/"
. "$ROOT/bin/engine-env.sh"
export COMPRESSLAB_HOME="$ROOT"
cl() {
    java -Dcompresslab.home="$ROOT" -cp "$APP/classes:$APP/lib/*" org.compresslab.Main "$@"
}
ARCHS=${*:-"resnet20 resnet8 lenet5 vit-tiny mobilenetv2-0.5"}
for arch in $ARCHS; do
    case "$arch" in
        resnet20) opts="--epochs 10 --lr 0.1 --optimizer sgd --schedule one-cycle" ;;
        resnet8) opts="--epochs 10 --lr 0.1 --optimizer sgd --schedule one-cycle" ;;
        lenet5) opts="--epochs 10 --lr 0.05 --optimizer sgd --schedule one-cycle --crop-padding 0 --no-flip" ;;
        vit-tiny) opts="--epochs 10 --lr 0.002 --optimizer adamw --weight-decay 0.05 --schedule one-cycle" ;;
        mobilenetv2-0.5) opts="--epochs 5 --lr 0.05 --optimizer sgd --schedule one-cycle --weight-decay 4e-5" ;;
        *) opts="--epochs 10" ;;
    esac
    echo "== $arch: bin/compresslab train --arch $arch --dataset fashion-mnist $opts --seed 1 --out sample-models/$arch.onnx" \
        | tee sample-models/logs/$arch.log
    start=$(date +%s)
    cl train --arch "$arch" --dataset fashion-mnist $opts --seed 1 --out "sample-models/$arch.onnx" --json \
        > "sample-models/logs/$arch.train.json" 2>> "sample-models/logs/$arch.log"
    end=$(date +%s)
    echo "trained in $((end - start)) s" >> "sample-models/logs/$arch.log"
    cl evaluate "sample-models/$arch.onnx" --dataset fashion-mnist --runs 200 --json \
        > "sample-models/logs/$arch.evaluate.json"
    echo "== $arch done in $((end - start)) s" >&2
done

#!/bin/bash
# Responsiveness of the real window during runs (see FxResponsivenessBench.java): opens the demo project on
# the current display (or a private Xvfb when there is none) and queues two runs while a probe times the FX
# thread. Results: bench/results/fx-responsiveness.txt. About 3 minutes; run it on a quiet machine.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. "$ROOT/bin/engine-env.sh"
./mvnw -q -B -Dmaven.test.skip=true package
if [ -z "${DISPLAY:-}" ]; then
    Xvfb :93 -screen 0 1400x900x24 >/dev/null 2>&1 &
    XVFB=$!
    trap 'kill $XVFB' EXIT
    export DISPLAY=:93
    sleep 1
fi
java -cp "target/classes:target/lib/*" bench/FxResponsivenessBench.java bench/results/fx-responsiveness.txt \
    2> >(grep -v -e "NNPACK" -e "Unsupported JavaFX configuration" >&2)

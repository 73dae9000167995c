#!/bin/sh
# How long from starting the JVM until the workbench window is showing (issue: within 3 s).
# Starts the real app N times under the current DISPLAY (or a private Xvfb) with
# -Dcompresslab.startupProbe=true, which prints the JVM uptime when the window is shown (with a
# "Starting…" placeholder) and when the full workbench has been built and laid out, then quits.
# Also records the wall time from launching `java` to that line. Writes bench/results/startup-time.json.
set -e
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${N:-10}
./mvnw -q -B -Dmaven.test.skip=true package
if [ -z "$DISPLAY" ]; then
    Xvfb :97 -screen 0 1400x900x24 >/dev/null 2>&1 &
    XPID=$!
    export DISPLAY=:97
    sleep 1
fi
. "$ROOT/bin/engine-env.sh"
DATA=$(mktemp -d)
uptimes=""
readies=""
walls=""
i=0
while [ $i -lt "$N" ]; do
    t0=$(date +%s%N)
    out=$(COMPRESSLAB_DATA="$DATA" java -Dcompresslab.startupProbe=true \
        -cp "target/classes:target/lib/*" org.compresslab.Main gui 2>/dev/null)
    t1=$(date +%s%N)
    up=$(echo "$out" | sed -n 's/^window-shown-ms=//p')
    ready=$(echo "$out" | sed -n 's/^workbench-ready-ms=//p')
    wall=$(( (t1 - t0) / 1000000 ))
    uptimes="$uptimes $up"
    readies="$readies $ready"
    walls="$walls $wall"
    echo "run $i: window shown ${up} ms, workbench ready ${ready} ms after JVM start (wall ${wall} ms to exit)" >&2
    i=$((i + 1))
done
if [ -n "$XPID" ]; then kill "$XPID" 2>/dev/null || true; fi
rm -rf "$DATA"
python3 - "$uptimes" "$walls" "$readies" <<'PY'
import json, statistics, sys, datetime, platform
up = [int(x) for x in sys.argv[1].split()]
wall = [int(x) for x in sys.argv[2].split()]
ready = [int(x) for x in sys.argv[3].split()]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
r = {"date": datetime.datetime.utcnow().isoformat() + "Z", "cpu": cpu, "runs": len(up),
     "window_shown_ms_after_jvm_start": {"median": statistics.median(up), "min": min(up), "max": max(up), "all": up},
     "workbench_ready_ms_after_jvm_start": {"median": statistics.median(ready), "min": min(ready), "max": max(ready), "all": ready},
     "wall_ms_launch_to_exit": {"median": statistics.median(wall), "min": min(wall), "max": max(wall)}}
open("bench/results/startup-time.json", "w").write(json.dumps(r, indent=2) + "\n")
print(json.dumps(r, indent=2))
PY

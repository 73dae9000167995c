#!/usr/bin/env python3
"""Prints the sample-models table (Markdown) from the logs that scripts/train-sample-models.sh wrote.

Every number comes from a file: parameters and MACs from the training JSON, test accuracy, latency and
size from `compresslab evaluate --json` on the 10,000 Fashion-MNIST test images, the command and the
training time from the log.
"""
import json
import pathlib
import re
import sys

logs = pathlib.Path(__file__).resolve().parent.parent / "sample-models" / "logs"
rows = []
for train_file in sorted(logs.glob("*.train.json")):
    arch = train_file.name[: -len(".train.json")]
    evaluate_file = logs / f"{arch}.evaluate.json"
    log_file = logs / f"{arch}.log"
    if not evaluate_file.exists() or train_file.stat().st_size == 0:
        continue
    t = json.loads(train_file.read_text())
    e = json.loads(evaluate_file.read_text())
    log = log_file.read_text()
    command = re.search(r"^== \S+: (.*)$", log, re.M).group(1)
    seconds = int(re.search(r"trained in (\d+) s", log).group(1))
    ci = e["accuracy"]["top1_ci95"]
    rows.append(
        f"| `{arch}` | {t['params']:,} | {t['macs']:,} | {100 * e['accuracy']['top1']:.2f}% "
        f"({100 * ci[0]:.2f}–{100 * ci[1]:.2f}) | {e['latency_ms']['p50']:.3f} ms "
        f"(p90 {e['latency_ms']['p90']:.3f}) | {e['size']['bytes']:,} B | {seconds // 60} min {seconds % 60} s | `{command}` |"
    )
print("| model | params | MACs / image | test top-1 (95% CI), n = 10,000 | latency p50, batch 1, 1 thread | file size | training time | command |")
print("|---|---|---|---|---|---|---|---|")
print("\n".join(rows))
if not rows:
    sys.exit("no finished sample models yet")

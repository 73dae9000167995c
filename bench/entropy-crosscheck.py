#!/usr/bin/env python3
# Independent re-implementation of TensorRT-style KL threshold search (as in ONNX Runtime's / MXNet's
# _get_optimal_threshold), to sanity-check CompressLab's entropy calibrator.
import sys, numpy as np
def kl_threshold(hist, edges, num_quantized_bins):
    num_bins = len(hist)
    best = (np.inf, None)
    for i in range(num_quantized_bins, num_bins + 1):
        p = hist[:i].astype(np.float64).copy()
        p[i - 1] += hist[i:].sum()
        nonzero = (hist[:i] != 0)
        q_src = hist[:i].astype(np.float64)
        num_merged = i // num_quantized_bins
        q = np.zeros(i)
        for j in range(num_quantized_bins):
            start = j * num_merged
            stop = i if j == num_quantized_bins - 1 else start + num_merged
            norm = nonzero[start:stop].sum()
            if norm:
                q[start:stop] = np.where(nonzero[start:stop], q_src[start:stop].sum() / norm, 0)
        p /= p.sum(); q /= max(q.sum(), 1e-30)
        eps = 1e-10
        pm = p > 0
        qq = np.where(q > 0, q, eps)
        kl = np.sum(p[pm] * np.log(p[pm] / qq[pm]))
        if kl < best[0]:
            best = (kl, edges[i])
    return best[1]
# usage: entropy-crosscheck.py FILE.hist ...  (files written by EntropyCrosscheck.java: min max counts...)
for f in sys.argv[1:]:
    vals = open(f).read().split()
    lo, hi = float(vals[0]), float(vals[1]); hist = np.array([int(v) for v in vals[2:]])
    edges = np.linspace(lo, hi, len(hist) + 1)
    capped = hist.copy(); capped[0] = min(capped[0], capped[1])
    print(f, "128 bins:", kl_threshold(hist, edges, 128), " 255 bins:", kl_threshold(hist, edges, 255),
          " 255 bins, zero-bin capped:", kl_threshold(capped, edges, 255), " 128 capped:", kl_threshold(capped, edges, 128))

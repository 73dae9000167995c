package org.compresslab.compress.quantize;

import java.util.Objects;
import java.util.function.DoubleFunction;

/**
 * Chooses the float range an activation is quantized over from its calibration histogram. Clipping a few
 * rare large values buys a finer grid for all the others; the methods differ in how they weigh that trade.
 *
 * <p>A returned range contains 0 only if the histogram's range does: callers widen it with
 * {@link TensorRange#withZero()} when they build quantization parameters. Tensors with no negative values
 * keep {@code h.min()} as their lower end (0 for post-ReLU activations), so only the upper tail is clipped.
 */
public final class RangeChoosers {
    /** Probability given to an empty bin of Q where P has mass, so KL stays finite but penalises it heavily. */
    private static final double KL_EPSILON = 1e-10;
    /** MSE search: candidate ends shrink geometrically from the data's extreme down to this fraction of it. */
    private static final double MSE_SMALLEST_FRACTION = 1.0 / 256;
    private static final int MSE_STEPS = 120;
    private static final int MSE_REFINE_STEPS = 16;
    private static final int MSE_MAX_ROUNDS = 3;

    private RangeChoosers() {
    }

    /**
     * @param percentile only read by {@link CalibrationMethod#PERCENTILE}: the share of the mass to keep, in
     *                   (50, 100] (99.99 keeps all but the top 0.01%, and for signed tensors also the bottom 0.01%)
     * @param type       the integer type the range will be mapped onto (its level count and grid matter)
     */
    public static TensorRange choose(CalibrationMethod m, TensorHistogram h, double percentile, ActivationType type) {
        Objects.requireNonNull(m, "method");
        Objects.requireNonNull(h, "histogram");
        Objects.requireNonNull(type, "type");
        if (m == CalibrationMethod.PERCENTILE && !(percentile > 50 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (50, 100], got " + percentile);
        }
        TensorRange observed = new TensorRange(h.min(), h.max());
        if (h.total() == 0 || h.max() == h.min()) {
            return observed; // nothing to clip, and nothing to learn a distribution from
        }
        return switch (m) {
            case MINMAX -> observed;
            case PERCENTILE -> percentile(h, percentile / 100);
            case ENTROPY -> entropy(h, type.qmax() - type.qmin() + 1);
            case MSE -> mse(h, type);
        };
    }

    // ---- percentile ------------------------------------------------------------------------------------

    private static TensorRange percentile(TensorHistogram h, double q) {
        long[] c = h.counts();
        if (h.min() >= 0) {
            return rangeOrObserved(h, h.min(), quantile(h, c, q));
        }
        if (h.max() <= 0) {
            return rangeOrObserved(h, quantile(h, c, 1 - q), h.max());
        }
        return rangeOrObserved(h, quantile(h, c, 1 - q), quantile(h, c, q));
    }

    /** The value below which a share q of the mass lies, taking values as spread evenly within their bin. */
    private static double quantile(TensorHistogram h, long[] c, double q) {
        double target = q * h.total();
        long below = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] > 0 && below + c[i] >= target) {
                double inside = Math.min(1, Math.max(0, (target - below) / c[i]));
                return Math.min(h.max(), h.min() + (i + inside) * h.binWidth());
            }
            below += c[i];
        }
        return h.max();
    }

    // ---- entropy ---------------------------------------------------------------------------------------

    /**
     * The KL-divergence calibration TensorRT published (Migacz, "8-bit Inference with TensorRT", GTC 2017),
     * written from that description: pick the threshold whose quantized distribution loses the least
     * information relative to the clipped reference distribution.
     *
     * <p>One-sided tensors use all {@code levels} levels over [edge, threshold] (the edge nearest zero stays).
     * Signed tensors are folded into a histogram of |x| and searched with {@code levels / 2} levels, since a
     * symmetric threshold spends half the grid on each sign.
     */
    private static TensorRange entropy(TensorHistogram h, int levels) {
        long[] c = h.counts();
        double w = h.binWidth();
        if (h.min() >= 0) {
            int i = klThreshold(c, levels, h.min() == 0);
            return rangeOrObserved(h, h.min(), Math.min(h.max(), h.min() + i * w));
        }
        if (h.max() <= 0) {
            reverse(c); // search outward from the edge nearest zero, as for non-negative tensors
            int i = klThreshold(c, levels, h.max() == 0);
            return rangeOrObserved(h, Math.max(h.min(), h.max() - i * w), h.max());
        }
        double t = klThreshold(foldMagnitudes(h, c), levels / 2, true) * w;
        return rangeOrObserved(h, Math.max(h.min(), -t), Math.min(h.max(), t));
    }

    /**
     * A departure from the published algorithm (NVIDIA's pytorch-quantization makes a similar one): the bin
     * holding zero counts no more than its neighbour. After ReLU it holds half the mass or more, all of it exact
     * zeros that every threshold represents exactly, yet spreading it over a merged group dominates the KL
     * and forces the threshold to the smallest one that keeps that bin alone in its group.
     */
    private static void flattenZeroBin(long[] c) {
        if (c.length > 1) {
            c[0] = Math.min(c[0], c[1]);
        }
    }

    /**
     * Counts of |x| in bins of the same width starting at 0. Zero need not sit on a bin edge, so each bin is
     * placed by the magnitude of its centre.
     */
    private static long[] foldMagnitudes(TensorHistogram h, long[] c) {
        double w = h.binWidth();
        int n = (int) Math.ceil(Math.max(-h.min(), h.max()) / w) + 1;
        long[] folded = new long[n];
        for (int i = 0; i < c.length; i++) {
            int k = (int) (Math.abs(h.binCenter(i)) / w);
            folded[Math.min(k, n - 1)] += c[i];
        }
        return folded;
    }

    /**
     * The bin count i (threshold = edge of bin i) minimising KL(P || Q), where P is bins [0, i) with the mass
     * beyond added to bin i-1 and Q is bins [0, i) merged into {@code levels} groups, each group's mass spread
     * evenly over its non-empty bins. Q lacks the clipped mass by design: clipping is what KL must charge for.
     *
     * <p>Within a group Q is one constant q, so the group's terms sum to
     * (Σc·ln c − Σc·ln total − Σc·ln q) / total, computed from prefix sums; only bin i-1 needs its own term.
     * That makes the whole search O(bins × levels) instead of O(bins²).
     */
    private static int klThreshold(long[] c, int levels, boolean firstBinHoldsZero) {
        if (firstBinHoldsZero) {
            flattenZeroBin(c);
        }
        int n = c.length;
        while (n > 1 && c[n - 1] == 0) {
            n--; // a threshold past the last value only coarsens the grid
        }
        if (n <= levels) {
            return n; // the histogram is no finer than the grid: nothing to gain by clipping
        }
        long[] mass = new long[n + 1];
        int[] filled = new int[n + 1];
        double[] cLogC = new double[n + 1];
        for (int k = 0; k < n; k++) {
            mass[k + 1] = mass[k] + c[k];
            filled[k + 1] = filled[k] + (c[k] > 0 ? 1 : 0);
            cLogC[k + 1] = cLogC[k] + xLogX(c[k]);
        }
        double total = mass[n];
        double logTotal = Math.log(total);
        int best = n;
        double bestKl = Double.POSITIVE_INFINITY;
        for (int i = levels; i <= n; i++) {
            double kept = mass[i];
            if (kept == 0) {
                continue;
            }
            double sum = 0; // Σ c_k ln(p_k / q_k) over bins [0, i), in count units, before fixing bin i-1
            double lastQ = 0;
            for (int j = 0; j < levels; j++) {
                int start = (int) ((long) j * i / levels);
                int end = (int) ((long) (j + 1) * i / levels);
                long groupMass = mass[end] - mass[start];
                if (groupMass == 0) {
                    continue;
                }
                double q = groupMass / (double) (filled[end] - filled[start]) / kept;
                sum += (cLogC[end] - cLogC[start]) - groupMass * (logTotal + Math.log(q));
                if (end == i) {
                    lastQ = q;
                }
            }
            long last = c[i - 1];
            double outliers = total - kept;
            if (outliers > 0) {
                if (last > 0) {
                    sum -= last * (Math.log(last / total) - Math.log(lastQ)); // replace the raw term
                }
                double p = (last + outliers) / total;
                double q = last > 0 ? lastQ : KL_EPSILON;
                sum += (last + outliers) * Math.log(p / q);
            }
            double kl = sum / total;
            if (kl < bestKl) {
                bestKl = kl;
                best = i;
            }
        }
        return best;
    }

    private static double xLogX(long x) {
        return x == 0 ? 0 : x * Math.log(x);
    }

    private static void reverse(long[] a) {
        for (int i = 0, j = a.length - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    // ---- mse -------------------------------------------------------------------------------------------

    /**
     * Minimises the expected squared fake-quantization error (rounding inside the range, clipping outside).
     * Signed tensors first search a symmetric threshold, then each end alone, because a single shrink factor
     * for both ends cannot clip a one-sided outlier without also clipping the other side's ordinary values.
     */
    private static TensorRange mse(TensorHistogram h, ActivationType type) {
        QuantizationError error = new QuantizationError(h, type);
        double lo = h.min();
        double hi = h.max();
        Candidate best = Candidate.of(new TensorRange(lo, hi), error);
        if (lo >= 0) {
            return scan(f -> rangeOrNull(lo, hi * f), error, best).range();
        }
        if (hi <= 0) {
            return scan(f -> rangeOrNull(lo * f, hi), error, best).range();
        }
        double extreme = Math.max(-lo, hi);
        Candidate current = scan(f -> rangeOrNull(Math.max(lo, -extreme * f), Math.min(hi, extreme * f)), error, best);
        for (int round = 0; round < MSE_MAX_ROUNDS; round++) {
            Candidate before = current;
            double keptLo = current.range().min();
            current = scan(f -> rangeOrNull(keptLo, hi * f), error, current);
            double keptHi = current.range().max();
            current = scan(f -> rangeOrNull(lo * f, keptHi), error, current);
            if (current == before) {
                break;
            }
        }
        return current.range();
    }

    /**
     * Tries ranges for fractions 1 down to {@link #MSE_SMALLEST_FRACTION} on a geometric grid (so an outlier
     * 100× the bulk is handled as well as 2×), then a linear grid between the best one's neighbours.
     */
    private static Candidate scan(DoubleFunction<TensorRange> rangeAt, QuantizationError error, Candidate start) {
        Candidate best = start;
        int bestStep = -1;
        for (int s = 0; s <= MSE_STEPS; s++) {
            Candidate c = Candidate.of(rangeAt.apply(fraction(s)), error);
            if (c != null && c.error() < best.error()) {
                best = c;
                bestStep = s;
            }
        }
        if (bestStep >= 0) {
            double wide = fraction(Math.max(0, bestStep - 1));
            double narrow = fraction(Math.min(MSE_STEPS, bestStep + 1));
            for (int s = 1; s < MSE_REFINE_STEPS; s++) {
                Candidate c = Candidate.of(rangeAt.apply(narrow + (wide - narrow) * s / MSE_REFINE_STEPS), error);
                if (c != null && c.error() < best.error()) {
                    best = c;
                }
            }
        }
        return best;
    }

    private static double fraction(int step) {
        return Math.pow(MSE_SMALLEST_FRACTION, step / (double) MSE_STEPS);
    }

    private record Candidate(TensorRange range, double error) {
        static Candidate of(TensorRange r, QuantizationError error) {
            return r == null ? null : new Candidate(r, error.of(r));
        }
    }

    /**
     * Expected squared error of fake-quantizing the histogram's values. Values are taken as spread evenly
     * within their bin and the error is integrated exactly, rather than evaluated at bin centres: when the
     * grid step nears the bin width, centres can sit on grid points and hide the rounding error.
     */
    private static final class QuantizationError {
        private final ActivationType type;
        private final double min;
        private final double width;
        private final int[] bins;
        private final double[] weights;

        QuantizationError(TensorHistogram h, ActivationType type) {
            this.type = type;
            this.min = h.min();
            this.width = h.binWidth();
            long[] c = h.counts();
            int n = 0;
            for (long x : c) {
                n += x > 0 ? 1 : 0;
            }
            bins = new int[n];
            weights = new double[n];
            for (int i = 0, k = 0; i < c.length; i++) {
                if (c[i] > 0) {
                    bins[k] = i;
                    weights[k++] = c[i] / (double) h.total();
                }
            }
        }

        double of(TensorRange r) {
            QuantParams p = type.params(r);
            double sum = 0;
            for (int k = 0; k < bins.length; k++) {
                double a = min + bins[k] * width;
                sum += weights[k] * meanSquaredError(p, a, a + width);
            }
            return sum;
        }

        /** Mean of (x − fakeQuantize(x))² for x uniform on [a, b], summed over the grid cells [a, b] meets. */
        private double meanSquaredError(QuantParams p, double a, double b) {
            int qmin = type.qmin();
            int qmax = type.qmax();
            int q = (int) Math.max(qmin, Math.min(qmax, Math.floor(a / p.scale() + 0.5) + p.zeroPoint()));
            while (q > qmin && lowerEdge(p, q) > a) {
                q--; // guard against floating-point rounding in the cell estimate
            }
            double acc = 0;
            for (; q <= qmax && lowerEdge(p, q) < b; q++) {
                double y = p.dequantize(q);
                double u = Math.max(a, lowerEdge(p, q));
                double v = q == qmax ? b : Math.min(b, (y + p.dequantize(q + 1)) / 2);
                if (v > u) {
                    acc += (cube(v - y) - cube(u - y)) / 3;
                }
            }
            return acc / (b - a);
        }

        /** Where values start rounding to q; everything below the lowest level clips onto it. */
        private double lowerEdge(QuantParams p, int q) {
            return q == type.qmin() ? Double.NEGATIVE_INFINITY : (p.dequantize(q - 1) + p.dequantize(q)) / 2.0;
        }

        private static double cube(double x) {
            return x * x * x;
        }
    }

    // ---- shared ----------------------------------------------------------------------------------------

    private static TensorRange rangeOrNull(double lo, double hi) {
        return Double.isFinite(lo) && Double.isFinite(hi) && lo < hi ? new TensorRange(lo, hi) : null;
    }

    /** A degenerate choice (possible when all mass sits in one bin) falls back to the observed range. */
    private static TensorRange rangeOrObserved(TensorHistogram h, double lo, double hi) {
        TensorRange r = rangeOrNull(lo, hi);
        return r != null ? r : new TensorRange(h.min(), h.max());
    }
}

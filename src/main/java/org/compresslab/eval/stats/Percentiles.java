package org.compresslab.eval.stats;

import java.util.Arrays;

/**
 * Percentiles by linear interpolation between closest ranks: numpy's default
 * ({@code method="linear"}, R type 7), so every figure can be reproduced with
 * {@code numpy.percentile(values, p)}.
 *
 * <p>For sorted values x[0..n-1] the p-th percentile sits at the fractional index
 * h = (n - 1) p / 100 and is x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)]). The
 * interpolation is evaluated from whichever neighbour is closer, as numpy does, so results match
 * numpy to the last bit rather than merely to rounding.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /**
     * The p-th percentile of values that are already sorted ascending (the array is not copied).
     *
     * @param sorted values sorted ascending; any NaN makes the result NaN (as in numpy)
     * @param p percentile in [0, 100]
     * @throws IllegalArgumentException if {@code sorted} is null, empty or not ascending, or
     *     {@code p} is outside [0, 100]
     */
    public static double of(double[] sorted, double p) {
        requireNonEmpty(sorted);
        requirePercent(p);
        boolean hasNaN = false;
        for (int i = 0; i < sorted.length; i++) {
            if (Double.isNaN(sorted[i])) {
                hasNaN = true;
            } else if (i > 0 && sorted[i] < sorted[i - 1]) {
                // A silently wrong order would give a plausible-looking but wrong percentile.
                throw new IllegalArgumentException("values are not sorted ascending at index " + i);
            }
        }
        if (hasNaN) {
            return Double.NaN;
        }
        return interpolate(sorted, p);
    }

    /**
     * The p-th percentile of values in any order; sorts a copy, leaving {@code values} untouched.
     *
     * @see #of(double[], double)
     */
    public static double ofUnsorted(double[] values, double p) {
        requireNonEmpty(values);
        requirePercent(p);
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        // Arrays.sort puts NaN last, so a NaN anywhere shows up at the end.
        if (Double.isNaN(sorted[sorted.length - 1])) {
            return Double.NaN;
        }
        return interpolate(sorted, p);
    }

    /** Interpolates in sorted, NaN-free, non-empty values; p already validated. */
    static double interpolate(double[] sorted, double p) {
        int last = sorted.length - 1;
        double index = last * (p / 100.0);
        int below = (int) Math.floor(index);
        if (below >= last) {
            return sorted[last];
        }
        double fraction = index - below;
        double a = sorted[below];
        double b = sorted[below + 1];
        double difference = b - a;
        // numpy's _lerp: anchor on the nearer neighbour so that fraction 1 returns b exactly.
        return fraction >= 0.5 ? b - difference * (1.0 - fraction) : a + difference * fraction;
    }

    private static void requireNonEmpty(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("percentile of an empty sample is undefined");
        }
    }

    private static void requirePercent(double p) {
        if (!(p >= 0.0 && p <= 100.0)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + p);
        }
    }
}

package org.compresslab.eval.stats;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Ratio of median latencies of two configurations, with a 95% percentile-bootstrap interval.
 *
 * <p>The samples are paired: a[i] and b[i] were measured back to back (A B A B ...), so slow
 * drifts of the machine (thermal throttling, background load) hit both members of a pair alike.
 * Resampling whole pairs keeps that shared component inside every resample; resampling a and b
 * independently would mix drift into the spread and inflate the interval.
 *
 * <p>The resampling uses a {@link SplittableRandom} with a fixed seed, so the same inputs always
 * give the same interval, and a reported number can be reproduced exactly.
 */
public final class BootstrapRatio {

    /** Default number of bootstrap resamples. */
    public static final int DEFAULT_RESAMPLES = 2000;

    /** Default seed; fixed so that intervals are reproducible run to run. */
    public static final long DEFAULT_SEED = 0x436F6D70_72657373L; // "Compress" in ASCII

    private static final double CONFIDENCE_PERCENT = 95.0;

    private BootstrapRatio() {
    }

    /** {@link #ofMedians(double[], double[], int, long)} with the default resamples and seed. */
    public static RatioEstimate ofMedians(double[] a, double[] b) {
        return ofMedians(a, b, DEFAULT_RESAMPLES, DEFAULT_SEED);
    }

    /**
     * Estimates median(a) / median(b) (e.g. "B is 1.5x faster than A" when a are A's latencies)
     * and its 95% percentile-bootstrap interval from {@code resamples} resamples of the pairs.
     * The interval bounds are the 2.5th and 97.5th percentiles (numpy "linear") of the resampled
     * ratios. Neither input array is modified.
     *
     * @param a latencies of the first configuration, a[i] paired with b[i]
     * @param b latencies of the second configuration; the denominator
     * @param resamples number of bootstrap resamples, at least 1
     * @param seed seed of the resampling generator
     * @throws IllegalArgumentException if the arrays are null, empty or of different lengths, if a
     *     value is NaN, infinite or negative, if a value of {@code b} is 0 (the ratio could be
     *     infinite), or if {@code resamples < 1}
     */
    public static RatioEstimate ofMedians(double[] a, double[] b, int resamples, long seed) {
        validate(a, b);
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be >= 1, got " + resamples);
        }
        int n = a.length;
        double pointEstimate = median(a.clone()) / median(b.clone());

        SplittableRandom random = new SplittableRandom(seed);
        double[] resampledA = new double[n];
        double[] resampledB = new double[n];
        double[] ratios = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                int pair = random.nextInt(n);
                resampledA[i] = a[pair];
                resampledB[i] = b[pair];
            }
            ratios[r] = median(resampledA) / median(resampledB);
        }
        Arrays.sort(ratios);
        double tail = (100.0 - CONFIDENCE_PERCENT) / 2.0;
        double lo = Percentiles.interpolate(ratios, tail);
        double hi = Percentiles.interpolate(ratios, 100.0 - tail);
        return new RatioEstimate(pointEstimate, lo, hi, resamples);
    }

    /** Median of the values, sorting the given array in place. */
    private static double median(double[] values) {
        Arrays.sort(values);
        return Percentiles.interpolate(values, 50.0);
    }

    private static void validate(double[] a, double[] b) {
        if (a == null || b == null || a.length == 0 || b.length == 0) {
            throw new IllegalArgumentException("both samples must be non-empty");
        }
        if (a.length != b.length) {
            throw new IllegalArgumentException(
                    "paired samples differ in length: " + a.length + " vs " + b.length);
        }
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i]) || a[i] < 0.0) {
                throw new IllegalArgumentException("a[" + i + "] is not a finite value >= 0: " + a[i]);
            }
            if (!Double.isFinite(b[i]) || b[i] <= 0.0) {
                throw new IllegalArgumentException("b[" + i + "] is not a finite value > 0: " + b[i]);
            }
        }
    }
}

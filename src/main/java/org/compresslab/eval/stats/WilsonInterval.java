package org.compresslab.eval.stats;

/**
 * Wilson score interval for a binomial proportion at 95% confidence.
 *
 * <p>Chosen over the textbook normal ("Wald") interval because it stays inside [0, 1] and keeps
 * close to its nominal coverage for proportions near 0 or 1 and for small n, which is exactly
 * where compressed-model accuracies on small validation sets live.
 */
public final class WilsonInterval {

    /** The 97.5% quantile of the standard normal distribution (two-sided 95%). */
    public static final double Z_95 = 1.959963984540054;

    private WilsonInterval() {
    }

    /**
     * The 95% Wilson score interval for {@code successes} out of {@code n} trials.
     *
     * @return the interval, or {@link ProportionInterval#UNDEFINED} (NaN bounds) when {@code n == 0}
     *     because a proportion of zero trials is undefined
     * @throws IllegalArgumentException if {@code n < 0}, {@code successes < 0} or {@code successes > n}
     */
    public static ProportionInterval of(long successes, long n) {
        if (n < 0 || successes < 0 || successes > n) {
            throw new IllegalArgumentException(
                    "need 0 <= successes <= n, got successes=" + successes + ", n=" + n);
        }
        if (n == 0) {
            return ProportionInterval.UNDEFINED;
        }
        double trials = n;
        double p = successes / trials;
        double z2 = Z_95 * Z_95;
        double denominator = 1.0 + z2 / trials;
        double centre = (p + z2 / (2.0 * trials)) / denominator;
        double halfWidth = Z_95 / denominator
                * Math.sqrt(p * (1.0 - p) / trials + z2 / (4.0 * trials * trials));
        // At p = 0 or 1 one bound is mathematically exactly 0 or 1; clamping removes the
        // rounding residue (e.g. 0.9999999999999999) so displayed bounds are exact there.
        double lo = successes == 0 ? 0.0 : Math.max(0.0, centre - halfWidth);
        double hi = successes == n ? 1.0 : Math.min(1.0, centre + halfWidth);
        return new ProportionInterval(lo, hi);
    }
}

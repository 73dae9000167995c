package org.compresslab.eval.stats;

/**
 * A ratio of medians with its bootstrap confidence interval.
 *
 * @param median the point estimate, median(a) / median(b) on the full samples
 * @param lo lower bound of the 95% percentile-bootstrap interval
 * @param hi upper bound of the 95% percentile-bootstrap interval
 * @param resamples number of bootstrap resamples behind the interval
 */
public record RatioEstimate(double median, double lo, double hi, int resamples) {

    /** Whether {@code value} lies within the closed interval [lo, hi]. */
    public boolean contains(double value) {
        return lo <= value && value <= hi;
    }
}

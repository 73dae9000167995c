package org.compresslab.eval.stats;

/**
 * A confidence interval for a proportion, both bounds in [0, 1].
 *
 * <p>Both bounds are {@code NaN} when the interval is undefined (a proportion of zero trials).
 *
 * @param lo lower bound
 * @param hi upper bound
 */
public record ProportionInterval(double lo, double hi) {

    /** The interval of an undefined proportion. */
    public static final ProportionInterval UNDEFINED = new ProportionInterval(Double.NaN, Double.NaN);

    /** Whether the bounds are defined (not NaN). */
    public boolean isDefined() {
        return !Double.isNaN(lo) && !Double.isNaN(hi);
    }

    /** Whether {@code value} lies within the closed interval; always false when undefined. */
    public boolean contains(double value) {
        return lo <= value && value <= hi;
    }

    /** {@code hi - lo}; NaN when undefined. */
    public double width() {
        return hi - lo;
    }
}

package org.compresslab.eval.stats;

/**
 * A running sum with Neumaier compensation, so means over hundreds of thousands of terms do not
 * drift by accumulated rounding error.
 */
final class CompensatedSum {

    private double sum;
    private double compensation;

    void add(double value) {
        double next = sum + value;
        if (Math.abs(sum) >= Math.abs(value)) {
            compensation += (sum - next) + value;
        } else {
            compensation += (value - next) + sum;
        }
        sum = next;
    }

    double value() {
        return sum + compensation;
    }
}

package org.compresslab.eval.stats;

import java.util.Arrays;

/**
 * Summary of repeated latency measurements, in milliseconds.
 *
 * <p>Percentiles follow {@link Percentiles} (numpy "linear"). {@code std} is the sample standard
 * deviation (divisor n - 1), NaN for a single measurement because spread cannot be estimated
 * from one value.
 *
 * @param min fastest measurement
 * @param p10 10th percentile
 * @param p50 median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param mean arithmetic mean
 * @param std sample standard deviation (n - 1 divisor); NaN when n == 1
 * @param n number of measurements
 */
public record LatencyStatistics(
        double min, double p10, double p50, double p90, double p99, double mean, double std, int n) {

    /**
     * Summarises latencies in milliseconds; the array is not modified.
     *
     * @throws IllegalArgumentException if {@code millis} is null or empty, or contains a negative,
     *     NaN or infinite value (a broken timer, which must not turn into a plausible statistic)
     */
    public static LatencyStatistics of(double[] millis) {
        if (millis == null || millis.length == 0) {
            throw new IllegalArgumentException("no latency measurements");
        }
        for (int i = 0; i < millis.length; i++) {
            double value = millis[i];
            if (!Double.isFinite(value) || value < 0.0) {
                throw new IllegalArgumentException("latency " + i + " is not a finite value >= 0: " + value);
            }
        }
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        double mean = mean(sorted);
        double std = n == 1 ? Double.NaN : Math.sqrt(sumOfSquaredDeviations(sorted, mean) / (n - 1));
        return new LatencyStatistics(
                sorted[0],
                Percentiles.interpolate(sorted, 10),
                Percentiles.interpolate(sorted, 50),
                Percentiles.interpolate(sorted, 90),
                Percentiles.interpolate(sorted, 99),
                mean,
                std,
                n);
    }

    /**
     * Images per second when each measurement timed one batch of {@code batch} images:
     * {@code batch * n * 1000 / sum(latencies)}, i.e. {@code batch * 1000 / mean}.
     *
     * <p>Mean-based on purpose: total images over total time is what a long-running job actually
     * achieves, whereas a median-based figure would ignore the slow runs it still has to wait for.
     * Infinite if every measurement was 0 ms.
     *
     * @throws IllegalArgumentException if {@code batch < 1}
     */
    public double throughputImagesPerSecond(int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        return batch * 1000.0 / mean;
    }

    private static double mean(double[] values) {
        CompensatedSum sum = new CompensatedSum();
        for (double value : values) {
            sum.add(value);
        }
        return sum.value() / values.length;
    }

    /**
     * Two-pass sum of squared deviations with the correction term that cancels the rounding
     * error of the mean (Chan, Golub &amp; LeVeque), avoiding the catastrophic cancellation of
     * the sum-of-squares-minus-square-of-sum shortcut.
     */
    private static double sumOfSquaredDeviations(double[] values, double mean) {
        CompensatedSum squares = new CompensatedSum();
        CompensatedSum deviations = new CompensatedSum();
        for (double value : values) {
            double deviation = value - mean;
            squares.add(deviation * deviation);
            deviations.add(deviation);
        }
        double residual = deviations.value();
        return Math.max(0.0, squares.value() - residual * residual / values.length);
    }
}

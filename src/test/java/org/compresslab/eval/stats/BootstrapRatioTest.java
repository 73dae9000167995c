package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BootstrapRatioTest {

    @Test
    void identicalSamplesGiveRatioOneAndAnIntervalContainingOne() {
        double[] a = noisyLatencies(200, 10.0, new SplittableRandom(1));

        RatioEstimate estimate = BootstrapRatio.ofMedians(a, a.clone());

        assertThat(estimate.median()).isEqualTo(1.0);
        assertThat(estimate.contains(1.0)).isTrue();
        assertThat(estimate.resamples()).isEqualTo(BootstrapRatio.DEFAULT_RESAMPLES);
    }

    @Test
    void exactlyHalvedLatenciesGiveRatioTwoWithDegenerateInterval() {
        // Wildly varying latencies, but every pair keeps a[i] = 2 b[i]. Because whole pairs are
        // resampled, every resample has ratio exactly 2; resampling a and b independently would not.
        double[] a = new double[101];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < a.length; i++) {
            a[i] = 1.0 + 100.0 * random.nextDouble();
        }
        double[] b = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] / 2;
        }

        RatioEstimate estimate = BootstrapRatio.ofMedians(a, b);

        assertThat(estimate.median()).isEqualTo(2.0);
        assertThat(estimate.lo()).isEqualTo(2.0);
        assertThat(estimate.hi()).isEqualTo(2.0);
    }

    @Test
    void noisyPairsWithTrueRatioOneAndAHalfGiveNarrowIntervalAroundIt() {
        int n = 400;
        SplittableRandom random = new SplittableRandom(42);
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            // Shared slow drift (e.g. thermal), plus independent 5% log-normal noise per run, so
            // a / 1.5 and b have the same distribution and the true ratio of medians is 1.5.
            double drift = 1.0 + 0.2 * Math.sin(i / 40.0);
            a[i] = 15.0 * drift * Math.exp(0.05 * gaussian(random));
            b[i] = 10.0 * drift * Math.exp(0.05 * gaussian(random));
        }

        RatioEstimate estimate = BootstrapRatio.ofMedians(a, b);

        assertThat(estimate.contains(1.5)).isTrue();
        assertThat(estimate.lo()).isLessThanOrEqualTo(estimate.median());
        assertThat(estimate.hi()).isGreaterThanOrEqualTo(estimate.median());
        // About +-1.7% here; over 300 simulated data sets the mean width was 0.049.
        assertThat(estimate.hi() - estimate.lo()).isLessThan(0.08);
    }

    @Test
    void sameInputsAndSeedReproduceTheIntervalExactly() {
        double[] a = noisyLatencies(150, 12.0, new SplittableRandom(3));
        double[] b = noisyLatencies(150, 8.0, new SplittableRandom(4));

        RatioEstimate first = BootstrapRatio.ofMedians(a, b);
        RatioEstimate second = BootstrapRatio.ofMedians(a, b);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void differentSeedsGiveSlightlyDifferentIntervalsAroundTheSamePoint() {
        double[] a = noisyLatencies(150, 12.0, new SplittableRandom(3));
        double[] b = noisyLatencies(150, 8.0, new SplittableRandom(4));

        RatioEstimate seeded = BootstrapRatio.ofMedians(a, b, 500, 1L);
        RatioEstimate reseeded = BootstrapRatio.ofMedians(a, b, 500, 2L);

        assertThat(reseeded.median()).isEqualTo(seeded.median());
        assertThat(reseeded.resamples()).isEqualTo(500);
        assertThat(reseeded.lo() != seeded.lo() || reseeded.hi() != seeded.hi()).isTrue();
    }

    @Test
    void inputsAreNotModified() {
        double[] a = {3, 1, 2};
        double[] b = {6, 5, 4};

        BootstrapRatio.ofMedians(a, b, 10, 0L);

        assertThat(a).containsExactly(3, 1, 2);
        assertThat(b).containsExactly(6, 5, 4);
    }

    @Test
    void rejectsUnpairedOrBrokenSamples() {
        assertThatThrownBy(() -> BootstrapRatio.ofMedians(new double[] {1, 2}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootstrapRatio.ofMedians(new double[0], new double[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootstrapRatio.ofMedians(new double[] {1}, new double[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootstrapRatio.ofMedians(new double[] {Double.NaN}, new double[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BootstrapRatio.ofMedians(new double[] {1}, new double[] {1}, 0, 0L))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double[] noisyLatencies(int n, double median, SplittableRandom random) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = median * Math.exp(0.1 * gaussian(random));
        }
        return values;
    }

    /** Standard normal deviate by Box-Muller; SplittableRandom has no nextGaussian in Java 17. */
    private static double gaussian(SplittableRandom random) {
        double u = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        double v = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(u)) * Math.cos(2.0 * Math.PI * v);
    }
}

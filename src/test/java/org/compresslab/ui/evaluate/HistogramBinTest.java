package org.compresslab.ui.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramBinTest {

    private static int total(List<HistogramBin> bins) {
        return bins.stream().mapToInt(HistogramBin::count).sum();
    }

    private static double[] normalLatencies(int n, long seed) {
        Random random = new Random(seed);
        double[] samples = new double[n];
        for (int i = 0; i < n; i++) {
            samples[i] = 1.0 + 0.05 * random.nextGaussian();
        }
        return samples;
    }

    @Test
    void countsOfAllBinsAddUpToTheNumberOfSamples() {
        for (int n : new int[] {1, 2, 5, 100, 1000, 5000}) {
            List<HistogramBin> bins = HistogramBin.of(normalLatencies(n, n), 30);

            assertThat(total(bins)).as("n = %d", n).isEqualTo(n);
        }
    }

    @Test
    void binsAreContiguousEqualWidthAndSpanTheSamples() {
        double[] samples = normalLatencies(150, 7);
        double min = java.util.Arrays.stream(samples).min().orElseThrow();
        double max = java.util.Arrays.stream(samples).max().orElseThrow();

        List<HistogramBin> bins = HistogramBin.of(samples, 30);

        assertThat(bins).noneMatch(HistogramBin::overflow);
        assertThat(bins).hasSize(30);
        assertThat(bins.get(0).fromMs()).isEqualTo(min);
        assertThat(bins.get(29).toMs()).isCloseTo(max, within(1e-12));
        double width = bins.get(0).toMs() - bins.get(0).fromMs();
        for (int i = 1; i < bins.size(); i++) {
            assertThat(bins.get(i).fromMs()).isCloseTo(bins.get(i - 1).toMs(), within(1e-12));
            assertThat(bins.get(i).toMs() - bins.get(i).fromMs()).isCloseTo(width, within(1e-12));
        }
    }

    @Test
    void anExtremeOutlierAmongTheDefaultHundredRunsGoesIntoTheOverflowBin() {
        double[] samples = normalLatencies(100, 42);
        samples[57] = 100.0; // e.g. the OS scheduled something else during one run

        List<HistogramBin> bins = HistogramBin.of(samples, 30);

        assertThat(total(bins)).isEqualTo(100);
        HistogramBin last = bins.get(bins.size() - 1);
        assertThat(last.overflow()).isTrue();
        assertThat(last.count()).isEqualTo(1);
        assertThat(last.toMs()).isEqualTo(100.0);
        assertThat(bins.subList(0, bins.size() - 1)).hasSize(30).noneMatch(HistogramBin::overflow);
        // the regular bins cover the other 99 runs only, so they are not squeezed into one bar
        assertThat(bins.get(29).toMs()).isLessThan(2.0);
        assertThat(bins.subList(0, 30).stream().filter(b -> b.count() > 0).count()).isGreaterThan(5);
    }

    @Test
    void anOutlierAmongManyRunsGoesIntoTheOverflowBinToo() {
        double[] samples = normalLatencies(5000, 3);
        samples[10] = 250.0;

        List<HistogramBin> bins = HistogramBin.of(samples, 30);

        HistogramBin last = bins.get(bins.size() - 1);
        assertThat(last.overflow()).isTrue();
        assertThat(last.toMs()).isEqualTo(250.0);
        assertThat(last.count()).isBetween(1, 25); // at most the top 0.5%
        assertThat(total(bins)).isEqualTo(5000);
    }

    @Test
    void aSkewedButOrdinarySmallSampleHasNoOverflowBin() {
        List<HistogramBin> bins = HistogramBin.of(new double[] {1.00, 1.02, 1.05, 1.10, 1.30}, 30);

        assertThat(bins).hasSize(30).noneMatch(HistogramBin::overflow);
        assertThat(total(bins)).isEqualTo(5);
        assertThat(bins.get(29).toMs()).isCloseTo(1.30, within(1e-12));
    }

    @Test
    void identicalSamplesFallIntoOneFiniteBinWithoutDividingByZero() {
        List<HistogramBin> bins = HistogramBin.of(new double[] {0.25, 0.25, 0.25, 0.25, 0.25}, 30);

        assertThat(total(bins)).isEqualTo(5);
        assertThat(bins).allSatisfy(b -> {
            assertThat(b.fromMs()).isFinite();
            assertThat(b.toMs()).isFinite().isGreaterThan(b.fromMs());
            assertThat(b.overflow()).isFalse();
        });
        assertThat(bins.get(0).count()).isEqualTo(5);
        assertThat(bins.get(0).fromMs()).isEqualTo(0.25);
    }

    @Test
    void identicalZeroSamplesAndASingleSampleStillMakeFiniteBins() {
        for (double[] samples : new double[][] {{0, 0, 0}, {3.5}}) {
            List<HistogramBin> bins = HistogramBin.of(samples, 10);

            assertThat(total(bins)).isEqualTo(samples.length);
            assertThat(bins).allSatisfy(b -> assertThat(b.toMs() - b.fromMs()).isFinite().isPositive());
        }
    }

    @Test
    void noSamplesMeanNoBins() {
        assertThat(HistogramBin.of(new double[0], 30)).isEmpty();
        assertThat(HistogramBin.of(null, 30)).isEmpty();
    }
}

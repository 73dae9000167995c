package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatisticsTest {

    @Test
    void summaryMatchesNumpyIncludingAnOutlier() {
        double[] millis = {10.2, 9.8, 10.5, 11.0, 10.1, 9.9, 30.0, 10.3, 10.0, 10.4};

        LatencyStatistics stats = LatencyStatistics.of(millis);

        // numpy: min, percentile(.., [10, 50, 90, 99]), mean(), std(ddof=1)
        assertThat(stats.n()).isEqualTo(10);
        assertThat(stats.min()).isEqualTo(9.8);
        assertThat(stats.p10()).isCloseTo(9.89, within(1e-12));
        assertThat(stats.p50()).isCloseTo(10.25, within(1e-12));
        assertThat(stats.p90()).isCloseTo(12.899999999999993, within(1e-12));
        assertThat(stats.p99()).isCloseTo(28.290000000000003, within(1e-12));
        assertThat(stats.mean()).isCloseTo(12.22, within(1e-12));
        assertThat(stats.std()).isCloseTo(6.256694192800399, within(1e-12));
    }

    @Test
    void standardDeviationUsesSampleDivisor() {
        // deviations -1, 1 from mean 5: sum of squares 2, divided by n - 1 = 1
        LatencyStatistics stats = LatencyStatistics.of(new double[] {4, 6});

        assertThat(stats.std()).isCloseTo(Math.sqrt(2.0), within(1e-15));
    }

    @Test
    void standardDeviationSurvivesLargeCommonOffset() {
        // The naive E[x^2] - E[x]^2 formula loses every digit here; numpy gives 5.477225575051661.
        double[] millis = {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16};

        assertThat(LatencyStatistics.of(millis).std()).isCloseTo(5.477225575051661, within(1e-9));
    }

    @Test
    void singleMeasurementHasUndefinedSpread() {
        LatencyStatistics stats = LatencyStatistics.of(new double[] {7.5});

        assertThat(stats.n()).isEqualTo(1);
        assertThat(stats.min()).isEqualTo(7.5);
        assertThat(stats.p99()).isEqualTo(7.5);
        assertThat(stats.mean()).isEqualTo(7.5);
        assertThat(stats.std()).isNaN();
    }

    @Test
    void throughputIsBatchTimesImagesOverTotalTime() {
        // 4 batches of 8 images in 10 + 20 + 30 + 40 = 100 ms: 32 images / 0.1 s = 320 images/s.
        LatencyStatistics stats = LatencyStatistics.of(new double[] {10, 20, 30, 40});

        assertThat(stats.throughputImagesPerSecond(8)).isCloseTo(320.0, within(1e-9));
        assertThat(stats.throughputImagesPerSecond(1)).isCloseTo(40.0, within(1e-9));
    }

    @Test
    void throughputCountsSlowRunsUnlikeAMedianWould() {
        // Median 10 ms would suggest 100 images/s; the 100 ms run really costs time: 4 / 0.13 s.
        LatencyStatistics stats = LatencyStatistics.of(new double[] {10, 10, 10, 100});

        assertThat(stats.throughputImagesPerSecond(1)).isCloseTo(4000.0 / 130.0, within(1e-9));
    }

    @Test
    void inputArrayIsNotReordered() {
        double[] millis = {3, 1, 2};

        LatencyStatistics.of(millis);

        assertThat(millis).containsExactly(3, 1, 2);
    }

    @Test
    void rejectsBrokenMeasurements() {
        assertThatThrownBy(() -> LatencyStatistics.of(new double[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStatistics.of(new double[] {1, Double.NaN}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStatistics.of(new double[] {1, -0.5}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LatencyStatistics.of(new double[] {Double.POSITIVE_INFINITY}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsNonPositiveBatch() {
        LatencyStatistics stats = LatencyStatistics.of(new double[] {1, 2});

        assertThatThrownBy(() -> stats.throughputImagesPerSecond(0)).isInstanceOf(IllegalArgumentException.class);
    }
}

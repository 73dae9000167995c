package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RangeChoosersTest {
    /** Φ⁻¹(0.999), the standard normal's 99.9th percentile. */
    private static final double NORMAL_Q999 = 3.090232306167813;

    @Test
    void minmaxReturnsTheDataRange() {
        float[] data = uniform(100_000, -3, 7, 1);
        TensorHistogram h = histogram(data);

        TensorRange r = RangeChoosers.choose(CalibrationMethod.MINMAX, h, 99.99, ActivationType.INT8);

        assertThat(r.min()).isEqualTo(min(data));
        assertThat(r.max()).isEqualTo(max(data));
        assertThat(r.min()).isCloseTo(-3, within(1e-3));
        assertThat(r.max()).isCloseTo(7, within(1e-3));
    }

    @Test
    void percentileOfNonNegativeDataClipsOnlyTheUpperTail() {
        TensorHistogram h = histogram(uniform(1_000_000, 0, 1, 2));

        TensorRange r = RangeChoosers.choose(CalibrationMethod.PERCENTILE, h, 99.0, ActivationType.UINT8);

        assertThat(r.min()).isEqualTo(h.min());
        assertThat(r.max()).isCloseTo(0.99, within(0.005));
    }

    @Test
    void percentileOfSignedDataClipsBothTails() {
        TensorHistogram h = histogram(normal(1_000_000, 3));

        TensorRange r = RangeChoosers.choose(CalibrationMethod.PERCENTILE, h, 99.9, ActivationType.INT8);

        assertThat(r.min()).isCloseTo(-NORMAL_Q999, within(0.05));
        assertThat(r.max()).isCloseTo(NORMAL_Q999, within(0.05));
    }

    @Test
    void entropyAndMseClipRareOutliersAndQuantizeTheSampleBetterThanMinmax() {
        // MSE clips only outliers rarer than the rounding error they cost everyone else: for a share r of
        // outliers at V it balances r·(V − T) against (T − min)/(12·255²). At 5 per 100k values at 50 it keeps
        // them (see the next test); at 1 per million at 20 the balance sits near T ≈ 6.
        float[] data = withOutliers(normal(3_000_000, 4), 3, 20f);
        TensorHistogram h = histogram(data);
        TensorRange minmax = RangeChoosers.choose(CalibrationMethod.MINMAX, h, 99.99, ActivationType.INT8);
        double minmaxError = fakeQuantizationMse(data, minmax, ActivationType.INT8);

        for (CalibrationMethod m : new CalibrationMethod[] {CalibrationMethod.ENTROPY, CalibrationMethod.MSE}) {
            TensorRange r = RangeChoosers.choose(m, h, 99.99, ActivationType.INT8);

            assertThat(r.max()).as("%s upper end", m).isBetween(2.5, 10.0);
            assertThat(r.min()).as("%s lower end", m).isBetween(-10.0, -2.5);
            assertThat(fakeQuantizationMse(data, r, ActivationType.INT8)).as("%s error", m)
                    .isLessThan(0.6 * minmaxError);
        }
        assertThat(minmaxError).isCloseTo(Math.pow(minmax.max() - minmax.min(), 2) / (255 * 255 * 12), within(3e-4));
    }

    @Test
    void entropyClipsOutliersThatMseKeepsBecauseTheyAreTooFrequentToClip() {
        // 5 in 100k: clipping them to the bulk would cost 5e-5 × 46² ≈ 0.1 per value, far above the
        // rounding error of the full range (≈ 0.004), so MSE keeps them; KL ignores their small mass.
        float[] bulk = normal(100_000, 5);
        float[] data = withOutliers(bulk, 5, 50f);
        TensorHistogram h = histogram(data);

        TensorRange entropy = RangeChoosers.choose(CalibrationMethod.ENTROPY, h, 99.99, ActivationType.INT8);
        TensorRange mse = RangeChoosers.choose(CalibrationMethod.MSE, h, 99.99, ActivationType.INT8);
        TensorRange minmax = RangeChoosers.choose(CalibrationMethod.MINMAX, h, 99.99, ActivationType.INT8);

        assertThat(entropy.max()).isLessThan(10);
        assertThat(entropy.min()).isGreaterThan(-10);
        assertThat(fakeQuantizationMse(bulk, entropy, ActivationType.INT8))
                .isLessThan(0.1 * fakeQuantizationMse(bulk, minmax, ActivationType.INT8));
        assertThat(mse.max()).isGreaterThan(40);
        assertThat(fakeQuantizationMse(data, mse, ActivationType.INT8))
                .isLessThanOrEqualTo(fakeQuantizationMse(data, minmax, ActivationType.INT8) * 1.01);
    }

    @Test
    void mseKeepsAtLeastNinetyPercentOfAUniformRange() {
        for (float[] data : new float[][] {uniform(200_000, 0, 1, 6), uniform(200_000, -2, 3, 7)}) {
            TensorHistogram h = histogram(data);

            TensorRange r = RangeChoosers.choose(CalibrationMethod.MSE, h, 99.99, ActivationType.INT8);

            assertThat(r.max() - r.min()).isGreaterThanOrEqualTo(0.9 * (h.max() - h.min()));
            assertThat(r.min()).isGreaterThanOrEqualTo(h.min());
            assertThat(r.max()).isLessThanOrEqualTo(h.max());
        }
    }

    @Test
    void reluLikeDataGetsRangesStartingAtZeroForEveryMethod() {
        // half exact zeros, half Exp(1): the top 0.01% of all values is the top 0.02% of the exponential half
        SplittableRandom random = new SplittableRandom(8);
        float[] data = new float[1_000_000];
        for (int i = 1; i < data.length; i += 2) {
            data[i] = (float) -Math.log(1 - random.nextDouble());
        }
        TensorHistogram h = histogram(data);

        for (CalibrationMethod m : CalibrationMethod.values()) {
            TensorRange r = RangeChoosers.choose(m, h, 99.99, ActivationType.UINT8);

            assertThat(r.min()).as("%s lower end", m).isZero();
            assertThat(r.max()).as("%s upper end", m).isBetween(4.0, h.max());
        }
        assertThat(RangeChoosers.choose(CalibrationMethod.PERCENTILE, h, 99.99, ActivationType.UINT8).max())
                .isCloseTo(-Math.log(2e-4), within(0.4));
    }

    @Test
    void negativeOnlyDataKeepsTheEndNearestZero() {
        float[] data = normal(200_000, 9);
        for (int i = 0; i < data.length; i++) {
            data[i] = -Math.abs(data[i]) - 1;
        }
        TensorHistogram h = histogram(data);

        for (CalibrationMethod m : CalibrationMethod.values()) {
            TensorRange r = RangeChoosers.choose(m, h, 99.9, ActivationType.INT8);

            assertThat(r.max()).as("%s upper end", m).isEqualTo(h.max());
            assertThat(r.min()).as("%s lower end", m).isBetween(h.min(), -3.0);
        }
    }

    @Test
    void emptyOrSingleValueHistogramsGiveTheirOwnRange() {
        TensorHistogram empty = new TensorHistogram(-1, 2, 64);
        TensorHistogram constant = new TensorHistogram(3, 3, 64);
        constant.add(new float[] {3f, 3f, 3f}, 0, 3);

        for (CalibrationMethod m : CalibrationMethod.values()) {
            assertThat(RangeChoosers.choose(m, empty, 99.9, ActivationType.INT8)).isEqualTo(new TensorRange(-1, 2));
            assertThat(RangeChoosers.choose(m, constant, 99.9, ActivationType.INT8)).isEqualTo(new TensorRange(3, 3));
        }
    }

    @Test
    void percentileOutsideTheUpperHalfIsRejected() {
        TensorHistogram h = histogram(uniform(100, 0, 1, 10));

        assertThatThrownBy(() -> RangeChoosers.choose(CalibrationMethod.PERCENTILE, h, 50, ActivationType.INT8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("50");
        assertThatThrownBy(() -> RangeChoosers.choose(CalibrationMethod.PERCENTILE, h, 100.5, ActivationType.INT8))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void calibrationMethodIdsRoundTripAndUnknownIdsListTheValidOnes() {
        assertThat(CalibrationMethod.ids()).containsExactly("minmax", "percentile", "entropy", "mse");
        for (CalibrationMethod m : CalibrationMethod.values()) {
            assertThat(CalibrationMethod.parse(m.id())).isSameAs(m);
        }
        assertThat(CalibrationMethod.parse(" Entropy ")).isSameAs(CalibrationMethod.ENTROPY);
        assertThatThrownBy(() -> CalibrationMethod.parse("kl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'kl'").hasMessageContaining("minmax, percentile, entropy, mse");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static TensorHistogram histogram(float[] data) {
        TensorHistogram h = new TensorHistogram(min(data), max(data), TensorHistogram.DEFAULT_BINS);
        h.add(data, 0, data.length);
        return h;
    }

    private static double fakeQuantizationMse(float[] data, TensorRange range, ActivationType type) {
        QuantParams p = type.params(range);
        double sum = 0;
        for (float x : data) {
            double e = x - p.fakeQuantize(x);
            sum += e * e;
        }
        return sum / data.length;
    }

    private static float[] uniform(int n, double lo, double hi, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(lo, hi);
        }
        return v;
    }

    private static float[] normal(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] withOutliers(float[] data, int count, float value) {
        float[] v = Arrays.copyOf(data, data.length + count);
        Arrays.fill(v, data.length, v.length, value);
        return v;
    }

    private static float min(float[] v) {
        float m = Float.POSITIVE_INFINITY;
        for (float x : v) {
            m = Math.min(m, x);
        }
        return m;
    }

    private static float max(float[] v) {
        float m = Float.NEGATIVE_INFINITY;
        for (float x : v) {
            m = Math.max(m, x);
        }
        return m;
    }
}

package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TensorHistogramTest {

    @Test
    void addCountsEachValueInItsBinAndInTheTotal() {
        TensorHistogram h = new TensorHistogram(0, 4, 4);

        h.add(new float[] {0f, 0.5f, 1f, 2.5f, 3.9f, 3.99f}, 0, 6);
        h.add(new float[] {9f, 1.5f, 9f}, 1, 1);

        assertThat(h.counts()).containsExactly(2, 2, 1, 2);
        assertThat(h.total()).isEqualTo(7);
        assertThat(h.bins()).isEqualTo(4);
        assertThat(h.binWidth()).isEqualTo(1.0);
    }

    @Test
    void valuesOutsideTheRangeAreClampedIntoTheEdgeBins() {
        TensorHistogram h = new TensorHistogram(-1, 1, 8);

        h.add(new float[] {-5f, -1.0001f, 1f, 1.5f, 1e30f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}, 0, 7);

        long[] c = h.counts();
        assertThat(c[0]).isEqualTo(3);
        assertThat(c[7]).isEqualTo(4);
        assertThat(h.total()).isEqualTo(7);
    }

    @Test
    void aZeroWidthRangePutsEveryValueInTheFirstBin() {
        TensorHistogram h = new TensorHistogram(2.5, 2.5, 16);

        h.add(new float[] {2.5f, 2.5f, 3f, -1f, Float.POSITIVE_INFINITY}, 0, 5);

        assertThat(h.counts()[0]).isEqualTo(5);
        assertThat(h.total()).isEqualTo(5);
        assertThat(h.binWidth()).isZero();
        assertThat(h.binCenter(7)).isEqualTo(2.5);
    }

    @Test
    void nanIsIgnored() {
        TensorHistogram h = new TensorHistogram(0, 1, 2);

        h.add(new float[] {Float.NaN, 0.25f, Float.NaN, 0.75f}, 0, 4);

        assertThat(h.counts()).containsExactly(1, 1);
        assertThat(h.total()).isEqualTo(2);
    }

    @Test
    void binCenterIsTheMiddleOfTheBin() {
        TensorHistogram h = new TensorHistogram(-2, 2, TensorHistogram.DEFAULT_BINS);

        assertThat(h.binWidth()).isEqualTo(4.0 / 2048);
        assertThat(h.binCenter(0)).isCloseTo(-2 + 2.0 / 2048, within(1e-12));
        assertThat(h.binCenter(1024)).isCloseTo(2.0 / 2048, within(1e-12));
        assertThat(h.binCenter(2047)).isCloseTo(2 - 2.0 / 2048, within(1e-12));
        assertThatThrownBy(() -> h.binCenter(2048)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void countsIsACopy() {
        TensorHistogram h = new TensorHistogram(0, 1, 2);
        h.add(new float[] {0.1f}, 0, 1);

        h.counts()[0] = 99;

        assertThat(h.counts()).containsExactly(1, 0);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> new TensorHistogram(1, 0, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensorHistogram(0, Double.NaN, 4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TensorHistogram(0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        TensorHistogram h = new TensorHistogram(0, 1, 4);
        assertThatThrownBy(() -> h.add(new float[3], 2, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}

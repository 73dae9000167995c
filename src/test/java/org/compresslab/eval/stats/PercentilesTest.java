package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PercentilesTest {

    @Test
    void medianOfEvenCountIsMeanOfMiddlePair() {
        assertThat(Percentiles.of(new double[] {1, 2, 3, 4}, 50)).isEqualTo(2.5);
    }

    @Test
    void ninetiethPercentileOfOneToFourMatchesNumpy() {
        // numpy.percentile([1, 2, 3, 4], 90) == 3.7
        assertThat(Percentiles.of(new double[] {1, 2, 3, 4}, 90)).isEqualTo(3.7);
    }

    /** Expected values are numpy.percentile(values, p) printed with repr: equal to the last bit. */
    @ParameterizedTest
    @CsvSource({
        "0, 1.5",
        "1, 1.675",
        "10, 3.25",
        "12.5, 3.4375",
        "33.3, 5.665",
        "50, 7.0",
        "66.7, 9.46125",
        "90, 12.5",
        "95, 17.3125",
        "99, 21.162500000000005",
        "100, 22.125",
    })
    void unsortedValuesMatchNumpyBitForBit(double p, double numpy) {
        double[] values = {12.5, 3.25, 7.0, 9.75, 1.5, 4.0, 22.125, 5.5, 6.0, 8.875, 11.0};

        assertThat(Percentiles.ofUnsorted(values, p)).isEqualTo(numpy);
    }

    @Test
    void interpolationIsAnchoredOnTheNearerNeighbourAsInNumpy() {
        // numpy.percentile([0.1, 0.3, 0.7, 1.0, 2.5, 2.6, 10.0], 10) == 0.22000000000000003
        double[] sorted = {0.1, 0.3, 0.7, 1.0, 2.5, 2.6, 10.0};

        assertThat(Percentiles.of(sorted, 10)).isEqualTo(0.22000000000000003);
        assertThat(Percentiles.of(sorted, 90)).isEqualTo(5.560000000000002);
        assertThat(Percentiles.of(sorted, 99)).isEqualTo(9.555999999999996);
    }

    @Test
    void extremesAreMinimumAndMaximum() {
        double[] sorted = {-3, 0, 8};

        assertThat(Percentiles.of(sorted, 0)).isEqualTo(-3);
        assertThat(Percentiles.of(sorted, 100)).isEqualTo(8);
    }

    @Test
    void singleValueIsEveryPercentile() {
        assertThat(Percentiles.of(new double[] {4.5}, 0)).isEqualTo(4.5);
        assertThat(Percentiles.of(new double[] {4.5}, 37)).isEqualTo(4.5);
        assertThat(Percentiles.of(new double[] {4.5}, 100)).isEqualTo(4.5);
    }

    @Test
    void ofUnsortedLeavesTheInputUntouched() {
        double[] values = {3, 1, 2};

        Percentiles.ofUnsorted(values, 50);

        assertThat(values).containsExactly(3, 1, 2);
    }

    @Test
    void nanAnywhereMakesThePercentileNaNAsInNumpy() {
        assertThat(Percentiles.of(new double[] {1, 2, Double.NaN}, 0)).isNaN();
        assertThat(Percentiles.ofUnsorted(new double[] {Double.NaN, 1, 2}, 50)).isNaN();
    }

    @Test
    void rejectsUnsortedInputToSortedVariant() {
        assertThatThrownBy(() -> Percentiles.of(new double[] {1, 3, 2}, 50))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sorted");
    }

    @Test
    void rejectsPercentOutsideZeroToHundredAndNaN() {
        double[] values = {1, 2};

        assertThatThrownBy(() -> Percentiles.of(values, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(values, 100.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.of(values, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsEmptySample() {
        assertThatThrownBy(() -> Percentiles.of(new double[0], 50)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Percentiles.ofUnsorted(null, 50)).isInstanceOf(IllegalArgumentException.class);
    }
}

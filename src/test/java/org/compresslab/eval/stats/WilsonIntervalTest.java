package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WilsonIntervalTest {

    // Reference values: the closed-form Wilson formula evaluated with numpy at z = 1.959963984540054.

    @Test
    void matchesReferenceValuesForEightyOneOutOf263() {
        ProportionInterval ci = WilsonInterval.of(81, 263);

        assertThat(ci.lo()).isCloseTo(0.2552885198782742, within(1e-15));
        assertThat(ci.hi()).isCloseTo(0.36620957698280004, within(1e-15));
    }

    @Test
    void matchesReferenceValuesForHalfOfOneHundred() {
        ProportionInterval ci = WilsonInterval.of(50, 100);

        assertThat(ci.lo()).isCloseTo(0.4038315303659956, within(1e-15));
        assertThat(ci.hi()).isCloseTo(0.5961684696340044, within(1e-15));
    }

    @Test
    void zeroSuccessesGivesLowerBoundExactlyZero() {
        ProportionInterval ci = WilsonInterval.of(0, 10);

        assertThat(ci.lo()).isEqualTo(0.0);
        assertThat(ci.hi()).isCloseTo(0.2775327998628892, within(1e-15));
    }

    @Test
    void allSuccessesGivesUpperBoundExactlyOne() {
        ProportionInterval ci = WilsonInterval.of(10, 10);

        assertThat(ci.lo()).isCloseTo(0.7224672001371107, within(1e-15));
        assertThat(ci.hi()).isEqualTo(1.0);
    }

    @Test
    void intervalIsSymmetricUnderSwappingSuccessesAndFailures() {
        ProportionInterval low = WilsonInterval.of(3, 40);
        ProportionInterval high = WilsonInterval.of(37, 40);

        assertThat(high.lo()).isCloseTo(1.0 - low.hi(), within(1e-15));
        assertThat(high.hi()).isCloseTo(1.0 - low.lo(), within(1e-15));
    }

    @Test
    void intervalContainsTheObservedProportionAndStaysInsideUnitRange() {
        for (int n = 1; n <= 60; n++) {
            for (int successes = 0; successes <= n; successes++) {
                ProportionInterval ci = WilsonInterval.of(successes, n);
                double observed = (double) successes / n;
                assertThat(ci.lo()).isBetween(0.0, observed);
                assertThat(ci.hi()).isBetween(observed, 1.0);
            }
        }
    }

    @Test
    void nearlyAllSuccessesOnLargeSampleGivesNarrowInterval() {
        ProportionInterval ci = WilsonInterval.of(9999, 10000);

        assertThat(ci.lo()).isCloseTo(0.9994337311025987, within(1e-14));
        assertThat(ci.hi()).isCloseTo(0.9999823473263989, within(1e-14));
    }

    @Test
    void zeroTrialsGivesUndefinedNaNInterval() {
        ProportionInterval ci = WilsonInterval.of(0, 0);

        assertThat(ci.lo()).isNaN();
        assertThat(ci.hi()).isNaN();
        assertThat(ci.isDefined()).isFalse();
        assertThat(ci.contains(0.5)).isFalse();
    }

    @Test
    void rejectsImpossibleCounts() {
        assertThatThrownBy(() -> WilsonInterval.of(-1, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of(11, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WilsonInterval.of(0, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

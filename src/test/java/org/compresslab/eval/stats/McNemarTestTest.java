package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class McNemarTestTest {

    @Test
    void exactPValueForSixDiscordantPairsAllOneWay() {
        // 2 * 0.5^6
        assertThat(McNemarTest.pValue(0, 6)).isEqualTo(0.03125);
    }

    @Test
    void exactPValueForOneAgainstNine() {
        // 2 * (C(10,0) + C(10,1)) / 2^10 = 22 / 1024
        assertThat(McNemarTest.pValue(1, 9)).isEqualTo(0.021484375);
    }

    @Test
    void exactPValueForTwoAgainstTwenty() {
        // 2 * (1 + 22 + 231) / 2^22 = 508 / 4194304
        assertThat(McNemarTest.pValue(2, 20)).isEqualTo(508.0 / 4194304.0);
    }

    @Test
    void exactPValueForFiveAgainstSeven() {
        // 2 * (1 + 12 + 66 + 220 + 495 + 792) / 4096 = 3172 / 4096
        assertThat(McNemarTest.pValue(5, 7)).isEqualTo(3172.0 / 4096.0);
    }

    @Test
    void pValueIsSymmetricInTheTwoModels() {
        assertThat(McNemarTest.pValue(9, 1)).isEqualTo(McNemarTest.pValue(1, 9));
        assertThat(McNemarTest.pValue(4200, 4000)).isEqualTo(McNemarTest.pValue(4000, 4200));
    }

    @Test
    void noDiscordantPairsGivesPValueOne() {
        assertThat(McNemarTest.pValue(0, 0)).isEqualTo(1.0);
    }

    @Test
    void balancedDiscordantPairsGivePValueOne() {
        assertThat(McNemarTest.pValue(3, 3)).isEqualTo(1.0);
        assertThat(McNemarTest.pValue(0, 1)).isEqualTo(1.0);
        assertThat(McNemarTest.pValue(250_000, 250_000)).isEqualTo(1.0);
    }

    /**
     * Reference values: exact binomial tails summed in 40- to 50-digit arithmetic with mpmath.
     * (scipy.stats.binomtest is off by ~4e-12 relative on the last row; this must be better.)
     */
    @ParameterizedTest
    @CsvSource({
        "10, 30, 0.0022214337732293643057",
        "480, 520, 0.21744829320414094281",
        "1000, 1100, 0.03072070786424229503",
        "4000, 4200, 0.027972423571324382345",
        "123456, 124789, 0.007508538812168851275",
        "200000, 201000, 0.11466042277570110075",
        "499000, 501000, 0.04560829986538208642",
        "999500, 1000500, 0.47993963247362961274",
        "2147383647, 2147483647, 0.12703940079945756494",
    })
    void matchesHighPrecisionExactValues(int b, int c, double expected) {
        assertThat(McNemarTest.pValue(b, c)).isCloseTo(expected, withPercentage(1e-10));
    }

    @ParameterizedTest
    @CsvSource({"480, 520", "4000, 4200", "123456, 124789", "200000, 201000", "499000, 501000"})
    void largeCountsAgreeWithContinuityCorrectedChiSquare(int b, int c) {
        double chiSquare = Math.pow(Math.abs(b - c) - 1, 2) / (b + c);
        // Survival function of chi-square with 1 degree of freedom.
        double approximate = erfc(Math.sqrt(chiSquare / 2));

        assertThat(McNemarTest.pValue(b, c)).isCloseTo(approximate, withPercentage(0.1));
    }

    @Test
    void tinyPValueJustAboveUnderflowIsStillRepresented() {
        // 2 * 0.5^1000 = 2^-999
        assertThat(McNemarTest.pValue(0, 1000)).isEqualTo(Math.scalb(1.0, -999));
        // 2 * 0.5^1060 = 2^-1059, only reachable by doubling in log space (subnormal result)
        assertThat(McNemarTest.pValue(0, 1060)).isCloseTo(Math.scalb(1.0, -1059), withPercentage(1e-6));
    }

    @Test
    void pValueBelowSmallestDoubleRoundsToZero() {
        assertThat(McNemarTest.pValue(0, 2000)).isEqualTo(0.0);
    }

    @Test
    void millionDiscordantPairsAreComputedExactlyAndQuickly() {
        long start = System.nanoTime();
        double p = McNemarTest.pValue(500_500, 499_500);
        long millis = (System.nanoTime() - start) / 1_000_000;

        // Continuity-corrected chi-square: (1000 - 1)^2 / 10^6 = 0.998001.
        assertThat(p).isCloseTo(erfc(Math.sqrt(0.998001 / 2)), withPercentage(0.01));
        assertThat(millis).isLessThan(2000);
    }

    @Test
    void rejectsNegativeCounts() {
        assertThatThrownBy(() -> McNemarTest.pValue(-1, 3)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> McNemarTest.pValue(3, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromPredictionsBuildsThePairedTable() {
        int[] labels = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        int[] predA = {0, 1, 2, 3, 4, 5, 6, 0, 0, 0}; // correct on 0..6
        int[] predB = {0, 1, 2, 0, 0, 0, 0, 7, 8, 1}; // correct on 0..2, 7, 8

        McNemarResult result = McNemarTest.fromPredictions(labels, predA, predB);

        assertThat(result.bothCorrect()).isEqualTo(3);
        assertThat(result.onlyA()).isEqualTo(4);
        assertThat(result.onlyB()).isEqualTo(2);
        assertThat(result.bothWrong()).isEqualTo(1);
        assertThat(result.n()).isEqualTo(10);
        // 2 * (1 + 6 + 15) / 64
        assertThat(result.pValue()).isEqualTo(44.0 / 64.0);
    }

    @Test
    void fromPredictionsTreatsPlaceholderPredictionAsWrong() {
        int[] labels = {1, 1, 1};
        int[] predA = {1, 1, 1};
        int[] predB = {AccuracyAccumulator.NO_PREDICTION, 1, 1};

        McNemarResult result = McNemarTest.fromPredictions(labels, predA, predB);

        assertThat(result.onlyA()).isEqualTo(1);
        assertThat(result.bothCorrect()).isEqualTo(2);
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void fromPredictionsOfIdenticalModelsHasNoDiscordantPairs() {
        int[] labels = {0, 1, 0, 1};
        int[] predictions = {0, 0, 0, 1};

        McNemarResult result = McNemarTest.fromPredictions(labels, predictions, predictions);

        assertThat(result.onlyA()).isZero();
        assertThat(result.onlyB()).isZero();
        assertThat(result.pValue()).isEqualTo(1.0);
    }

    @Test
    void fromPredictionsRejectsMismatchedLengths() {
        assertThatThrownBy(() -> McNemarTest.fromPredictions(new int[3], new int[3], new int[2]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("length");
        assertThatThrownBy(() -> McNemarTest.fromPredictions(null, new int[0], new int[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void erfcHelperIsAccurateEnoughForTheComparison() {
        // Guards the test helper itself: erfc(1) = 0.157299207050285...
        assertThat(erfc(1.0)).isCloseTo(0.15729920705028513, within(1e-7));
    }

    /** Numerical Recipes' Chebyshev erfc, fractional error below 1.2e-7: ample for 0.1% checks. */
    private static double erfc(double x) {
        double z = Math.abs(x);
        double t = 1.0 / (1.0 + 0.5 * z);
        double ans = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196
                + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398
                + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? ans : 2.0 - ans;
    }
}

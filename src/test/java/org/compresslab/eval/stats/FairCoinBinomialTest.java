package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.data.Percentage.withPercentage;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FairCoinBinomialTest {

    @Test
    void pmfMatchesBinomialCoefficientsForSmallN() {
        assertThat(Math.exp(FairCoinBinomial.logPmf(5, 10))).isCloseTo(252.0 / 1024.0, within(1e-16));
        assertThat(Math.exp(FairCoinBinomial.logPmf(3, 20))).isCloseTo(1140.0 / 1048576.0, within(1e-18));
        assertThat(Math.exp(FairCoinBinomial.logPmf(0, 7))).isCloseTo(1.0 / 128.0, withPercentage(1e-12));
    }

    @Test
    void pmfOfOneMillionTrialsAtTheModeMatchesHighPrecisionValue() {
        // C(10^6, 5*10^5) / 2^(10^6) from 40-digit mpmath
        assertThat(Math.exp(FairCoinBinomial.logPmf(500_000, 1_000_000)))
                .isCloseTo(7.9788436133175008909e-4, withPercentage(1e-11));
    }

    @Test
    void saddlePointTailAgreesWithExactIntegerSumsForEveryTestUpToTheSwitchOver() {
        // Two independent methods over all 250,000 (n, k) with n <= 1000. The saddle-point error
        // is an absolute error in ln p, so its relative error grows with |ln p|: ~1e-13 for
        // ordinary p-values, a few 1e-12 near the underflow limit.
        double worstRelativeForOrdinaryP = 0.0;
        double worstRelativePerUnitLog = 0.0;
        String worstCase = "";
        for (int n = 1; n <= FairCoinBinomial.INTEGER_ARITHMETIC_LIMIT; n++) {
            // Running sums of exact coefficients: same values as twoSidedTailByIntegers, in O(n).
            BigInteger coefficient = BigInteger.ONE;
            BigInteger cumulative = BigInteger.ZERO;
            for (int k = 0; k <= n / 2; k++) {
                if (k > 0) {
                    coefficient = coefficient.multiply(BigInteger.valueOf(n - k + 1)).divide(BigInteger.valueOf(k));
                }
                cumulative = cumulative.add(coefficient);
                double exact = Math.scalb(cumulative.doubleValue(), 1 - n);
                double saddlePoint = Math.exp(Math.log(2.0) + FairCoinBinomial.logLowerTail(k, n));
                double relative = Math.abs(saddlePoint / exact - 1.0);
                double perUnitLog = relative / (Math.abs(Math.log(exact)) + 1.0);
                if (perUnitLog > worstRelativePerUnitLog) {
                    worstRelativePerUnitLog = perUnitLog;
                    worstCase = "n=" + n + ", k=" + k;
                }
                if (exact > 1e-30) {
                    worstRelativeForOrdinaryP = Math.max(worstRelativeForOrdinaryP, relative);
                }
            }
        }

        assertThat(worstRelativeForOrdinaryP).isLessThan(1e-12);
        assertThat(worstRelativePerUnitLog).as(worstCase).isLessThan(1e-14);
    }

    @Test
    void integerSumsAreTheCorrectlyRoundedTails() {
        assertThat(FairCoinBinomial.twoSidedTailByIntegers(0, 1)).isEqualTo(1.0);
        assertThat(FairCoinBinomial.twoSidedTailByIntegers(3, 10)).isEqualTo(2.0 * 176 / 1024);
        // Python: float(Fraction(2 * sum(comb(100, i) for i in range(11)), 2**100)), correctly rounded
        assertThat(FairCoinBinomial.twoSidedTailByIntegers(10, 100)).isEqualTo(3.063290175437985e-17);
    }

    @Test
    void bothSidesOfTheSwitchOverMatchHighPrecisionValues() {
        long n = FairCoinBinomial.INTEGER_ARITHMETIC_LIMIT;
        // 2 * sum_{i<=480} C(n, i) / 2^n from 40-digit mpmath, for n = 1000, 1001, 1002
        assertThat(FairCoinBinomial.twoSidedTail(480, n))
                .isCloseTo(0.21744829320414094281, withPercentage(1e-12));
        assertThat(FairCoinBinomial.twoSidedTail(480, n + 1))
                .isCloseTo(0.20610731083295321535, withPercentage(1e-11));
        assertThat(FairCoinBinomial.twoSidedTail(480, n + 2))
                .isCloseTo(0.19521256673164907409, withPercentage(1e-11));
    }

    @Test
    void rejectsKInUpperHalf() {
        assertThatThrownBy(() -> FairCoinBinomial.logLowerTail(6, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FairCoinBinomial.twoSidedTail(-1, 10)).isInstanceOf(IllegalArgumentException.class);
    }
}

package org.compresslab.eval.stats;

import java.math.BigInteger;

/**
 * Exact probabilities of the Binomial(n, 1/2) distribution for any n that fits in a long.
 *
 * <p>Up to {@link #INTEGER_ARITHMETIC_LIMIT} trials the two-sided tail is summed in exact integer
 * arithmetic and rounded once, so small-sample p-values are the correctly rounded doubles a
 * reviewer can check by hand. Beyond that the probability mass uses Catherine Loader's
 * saddle-point formulation ("Fast and accurate computation of binomial probabilities", 2000; the
 * algorithm behind R's {@code dbinom}). Unlike
 * {@code lgamma(n+1) - lgamma(k+1) - lgamma(n-k+1)}, it does not subtract huge nearly equal
 * numbers, so it keeps close to full double precision even for n in the millions.
 */
final class FairCoinBinomial {

    private static final double LN_2 = Math.log(2.0);
    private static final double LN_2PI = Math.log(2.0 * Math.PI);

    /**
     * stirlerr(n) = ln(n!) - ln(sqrt(2 pi n) (n/e)^n) for n = 0..15, where the asymptotic series
     * is not yet accurate. Values agree with R's table and were rechecked with 40-digit mpmath.
     */
    private static final double[] STIRLING_ERROR_SMALL = {
        0.0,
        0.08106146679532725821967026,
        0.04134069595540929409382208,
        0.02767792568499833914878929,
        0.02079067210376509311152277,
        0.01664469118982119216319487,
        0.01387612882307074799874573,
        0.01189670994589177009505572,
        0.01041126526197209649747857,
        0.009255462182712732917728637,
        0.008330563433362871256469319,
        0.007573675487951840794972024,
        0.006942840107209529865664153,
        0.006408994188004207068439631,
        0.005951370112758847735624416,
        0.00555473355196280137103869,
    };

    /** Relative size below which the remaining tail terms cannot change a double sum. */
    private static final double NEGLIGIBLE_TERM = 1e-20;

    /** Largest number of trials whose tail is summed with exact integer binomial coefficients. */
    static final long INTEGER_ARITHMETIC_LIMIT = 1000;

    private FairCoinBinomial() {
    }

    /**
     * {@code min(1, 2 P(X <= k))} for X ~ Binomial(n, 1/2) and k <= n/2: the exact two-sided
     * p-value of a fair-coin test, which by symmetry is also the total probability of all outcomes
     * no more likely than k.
     */
    static double twoSidedTail(long k, long n) {
        requireLowerHalf(k, n);
        if (n <= INTEGER_ARITHMETIC_LIMIT) {
            return Math.min(1.0, twoSidedTailByIntegers((int) k, (int) n));
        }
        // Doubling in log space keeps a p-value just above the underflow limit representable.
        return Math.min(1.0, Math.exp(LN_2 + logLowerTail(k, n)));
    }

    /** 2 * sum_{i<=k} C(n, i) / 2^n with one rounding (BigInteger.doubleValue rounds to nearest). */
    static double twoSidedTailByIntegers(int k, int n) {
        BigInteger coefficient = BigInteger.ONE;
        BigInteger sum = BigInteger.ONE;
        for (int i = 0; i < k; i++) {
            // C(n, i+1) = C(n, i) * (n - i) / (i + 1); the division is always exact.
            coefficient = coefficient.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
            sum = sum.add(coefficient);
        }
        // Scaling by a power of two is exact while the result stays a normal double (n <= 1000).
        return Math.scalb(sum.doubleValue(), 1 - n);
    }

    /** ln P(X = k) for X ~ Binomial(n, 1/2); requires 0 <= k <= n. */
    static double logPmf(long k, long n) {
        if (k < 0 || k > n) {
            throw new IllegalArgumentException("need 0 <= k <= n, got k=" + k + ", n=" + n);
        }
        if (k == 0 || k == n) {
            return -n * LN_2;
        }
        double half = n / 2.0;
        double logCoefficient = stirlingError(n) - stirlingError(k) - stirlingError(n - k)
                - deviance(k, half) - deviance(n - k, half);
        double x = k;
        double logDenominator = LN_2PI + Math.log(x) + Math.log1p(-x / n);
        return logCoefficient - 0.5 * logDenominator;
    }

    /** P(X <= k) for X ~ Binomial(n, 1/2); see {@link #logLowerTail}. */
    static double lowerTail(long k, long n) {
        return Math.exp(logLowerTail(k, n));
    }

    /**
     * ln P(X <= k) for X ~ Binomial(n, 1/2), valid for k <= n/2 (the lower half, where the terms
     * decrease away from k so the sum can stop once they no longer matter). Staying in log space
     * lets callers scale the result (e.g. double it) before it can underflow.
     */
    static double logLowerTail(long k, long n) {
        requireLowerHalf(k, n);
        // Sum the terms relative to P(X = k) using C(n, i-1) = C(n, i) * i / (n - i + 1), so only
        // one pmf is computed from logarithms and the rest are exact-ratio recurrences.
        double sum = 0.0;
        double term = 1.0;
        for (long i = k; i >= 0; i--) {
            sum += term;
            if (term < sum * NEGLIGIBLE_TERM) {
                break;
            }
            term *= (double) i / (double) (n - i + 1);
        }
        return logPmf(k, n) + Math.log(sum);
    }

    private static void requireLowerHalf(long k, long n) {
        if (k < 0 || k > n / 2) {
            throw new IllegalArgumentException("need 0 <= k <= n/2, got k=" + k + ", n=" + n);
        }
    }

    /** ln(n!) - ln(sqrt(2 pi n) (n/e)^n), the error of Stirling's approximation. */
    private static double stirlingError(long n) {
        if (n < STIRLING_ERROR_SMALL.length) {
            return STIRLING_ERROR_SMALL[(int) n];
        }
        final double s0 = 1.0 / 12;
        final double s1 = 1.0 / 360;
        final double s2 = 1.0 / 1260;
        final double s3 = 1.0 / 1680;
        final double s4 = 1.0 / 1188;
        double x = n;
        double xx = x * x;
        if (n > 500) {
            return (s0 - s1 / xx) / x;
        }
        if (n > 80) {
            return (s0 - (s1 - s2 / xx) / xx) / x;
        }
        if (n > 35) {
            return (s0 - (s1 - (s2 - s3 / xx) / xx) / xx) / x;
        }
        return (s0 - (s1 - (s2 - (s3 - s4 / xx) / xx) / xx) / xx) / x;
    }

    /**
     * The deviance term x ln(x / np) + np - x, evaluated by a series when x is close to np to
     * avoid cancellation.
     */
    private static double deviance(double x, double np) {
        if (Math.abs(x - np) < 0.1 * (x + np)) {
            double v = (x - np) / (x + np);
            double s = (x - np) * v;
            double ej = 2 * x * v;
            double v2 = v * v;
            for (int j = 1; j < 1000; j++) {
                ej *= v2;
                double next = s + ej / (2 * j + 1);
                if (next == s) {
                    return next;
                }
                s = next;
            }
        }
        return x * Math.log(x / np) + np - x;
    }
}

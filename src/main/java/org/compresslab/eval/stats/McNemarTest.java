package org.compresslab.eval.stats;

/**
 * McNemar's test of whether two classifiers evaluated on the same images differ in accuracy.
 *
 * <p>Only the discordant images (one model right, the other wrong) carry information. Under the
 * null hypothesis each discordant image is equally likely to favour either model, so the number
 * favouring A is Binomial(b + c, 1/2). This class always uses that exact binomial test: the
 * chi-square approximation is poor for few discordant pairs and the exact computation is cheap for
 * any count, so there is no reason to switch methods at an arbitrary threshold. Mid-p corrections
 * are deliberately not applied. Up to 1000 discordant pairs the tail is summed with exact integer
 * arithmetic; beyond that a saddle-point evaluation is used, with a relative error below 1e-12 for any
 * p-value above 1e-30 (checked in the tests against exact sums and 50-digit reference values,
 * up to b = c = Integer.MAX_VALUE).
 */
public final class McNemarTest {

    private McNemarTest() {
    }

    /**
     * Exact two-sided p-value: {@code min(1, 2 * P(X <= min(b, c)))} with X ~ Binomial(b + c, 1/2).
     *
     * <p>For a fair coin this equals the "sum of all outcomes no more likely than the observed one"
     * definition used by {@code scipy.stats.binomtest}. Returns exactly 1.0 when there are no
     * discordant pairs. Values below the smallest positive double (e.g. 0 vs 10^6) round to 0.0.
     *
     * @param bOnlyACorrect discordant images only model A got right
     * @param cOnlyBCorrect discordant images only model B got right
     * @throws IllegalArgumentException if a count is negative
     */
    public static double pValue(int bOnlyACorrect, int cOnlyBCorrect) {
        if (bOnlyACorrect < 0 || cOnlyBCorrect < 0) {
            throw new IllegalArgumentException(
                    "discordant counts must be >= 0, got b=" + bOnlyACorrect + ", c=" + cOnlyBCorrect);
        }
        long discordant = (long) bOnlyACorrect + cOnlyBCorrect;
        if (discordant == 0) {
            return 1.0;
        }
        long smaller = Math.min(bOnlyACorrect, cOnlyBCorrect);
        return FairCoinBinomial.twoSidedTail(smaller, discordant);
    }

    /**
     * Builds the paired table from per-image predictions and tests it.
     *
     * <p>A prediction is correct when it equals the label; any other value (including a
     * placeholder such as -1 for an image whose logits were NaN) counts as wrong.
     *
     * @throws IllegalArgumentException if the arrays are null or differ in length
     */
    public static McNemarResult fromPredictions(int[] labels, int[] predA, int[] predB) {
        if (labels == null || predA == null || predB == null) {
            throw new IllegalArgumentException("labels and predictions must not be null");
        }
        if (predA.length != labels.length || predB.length != labels.length) {
            throw new IllegalArgumentException("length mismatch: labels=" + labels.length
                    + ", predA=" + predA.length + ", predB=" + predB.length);
        }
        int bothCorrect = 0;
        int onlyA = 0;
        int onlyB = 0;
        int bothWrong = 0;
        for (int i = 0; i < labels.length; i++) {
            boolean aCorrect = predA[i] == labels[i];
            boolean bCorrect = predB[i] == labels[i];
            if (aCorrect && bCorrect) {
                bothCorrect++;
            } else if (aCorrect) {
                onlyA++;
            } else if (bCorrect) {
                onlyB++;
            } else {
                bothWrong++;
            }
        }
        return new McNemarResult(bothCorrect, onlyA, onlyB, bothWrong, pValue(onlyA, onlyB));
    }
}

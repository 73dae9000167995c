package org.compresslab.eval.stats;

/**
 * The 2x2 paired-correctness table of two models on the same images and McNemar's p-value.
 *
 * @param bothCorrect images both models classified correctly
 * @param onlyA images only model A classified correctly (discordant, favours A)
 * @param onlyB images only model B classified correctly (discordant, favours B)
 * @param bothWrong images both models got wrong
 * @param pValue exact two-sided McNemar p-value computed from {@code onlyA} and {@code onlyB}
 */
public record McNemarResult(int bothCorrect, int onlyA, int onlyB, int bothWrong, double pValue) {

    /** Number of images in the table. */
    public long n() {
        return (long) bothCorrect + onlyA + onlyB + bothWrong;
    }
}

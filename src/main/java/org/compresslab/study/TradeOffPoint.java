package org.compresslab.study;

import org.compresslab.compress.TechniqueFamily;

/**
 * One evaluated run on the trade-off chart: accuracy with its interval against a cost, the file size
 * for the bubble, the technique family for the colour, and the run it started from (a pipeline's path).
 *
 * @param family null for the baseline (a plain evaluation)
 */
public record TradeOffPoint(String runId, String name, String kind, TechniqueFamily family, double accuracy,
                            double accuracyLo, double accuracyHi, double cost, long sizeBytes, String parentRunId) {

    public boolean isBaseline() {
        return family == null;
    }

    /** At least as accurate and at most as costly, and strictly better in one of the two. */
    public boolean dominates(TradeOffPoint other) {
        return accuracy >= other.accuracy && cost <= other.cost && (accuracy > other.accuracy || cost < other.cost);
    }
}

package org.compresslab.eval.stats;

/**
 * Accumulates output agreement between a reference model and another model, batch by batch.
 *
 * <p>Per row it measures top-1 agreement (argmax, ties to the lowest index), the KL divergence
 * KL(softmax(ref) || softmax(other)) in nats (how much information is lost when the other model's
 * distribution stands in for the reference's) from numerically stable log-softmax in double
 * precision, and the cosine similarity of the two logit vectors.
 *
 * <p>Rows where either model produced a NaN or infinite logit are counted in n and as a top-1
 * disagreement (their argmax is meaningless), but are left out of the KL and cosine means, which
 * would otherwise become NaN for the whole run; {@link #nonFiniteRows()} reports how many there
 * were so they are never hidden.
 *
 * <p>Cosine similarity is undefined for an all-zero vector; it is taken as 1 when both vectors
 * are all zero (they are identical) and 0 when only one is.
 *
 * <p>Not thread-safe.
 */
public final class AgreementAccumulator {

    private long rows;
    private long top1Agreements;
    private long nonFiniteRows;
    private final CompensatedSum klSum = new CompensatedSum();
    private final CompensatedSum cosineSum = new CompensatedSum();
    private double[] refLogProbabilities = new double[0];
    private double[] otherLogProbabilities = new double[0];

    /**
     * Adds {@code rows} rows of {@code k} logits from each model, row-major; arrays may be longer
     * than {@code rows * k} (e.g. a reused buffer for a final partial batch), extra values are
     * ignored.
     *
     * @throws IllegalArgumentException if an array is null or too short, or {@code k < 1}
     */
    public void add(float[] refLogits, float[] otherLogits, int rows, int k) {
        LogitRows.requireBatch(refLogits, rows, k, "refLogits");
        LogitRows.requireBatch(otherLogits, rows, k, "otherLogits");
        if (refLogProbabilities.length < k) {
            refLogProbabilities = new double[k];
            otherLogProbabilities = new double[k];
        }
        for (int row = 0; row < rows; row++) {
            int offset = row * k;
            this.rows++;
            if (!LogitRows.allFinite(refLogits, offset, k) || !LogitRows.allFinite(otherLogits, offset, k)) {
                nonFiniteRows++;
                continue;
            }
            if (LogitRows.argmax(refLogits, offset, k) == LogitRows.argmax(otherLogits, offset, k)) {
                top1Agreements++;
            }
            klSum.add(klDivergence(refLogits, otherLogits, offset, k));
            cosineSum.add(cosine(refLogits, otherLogits, offset, k));
        }
    }

    /** Rows in which either model produced a NaN or infinite logit. */
    public long nonFiniteRows() {
        return nonFiniteRows;
    }

    /** The agreement over all rows added so far. */
    public AgreementResult result() {
        long finiteRows = rows - nonFiniteRows;
        double agreement = rows == 0 ? Double.NaN : (double) top1Agreements / rows;
        double meanKl = finiteRows == 0 ? Double.NaN : klSum.value() / finiteRows;
        double meanCosine = finiteRows == 0 ? Double.NaN : cosineSum.value() / finiteRows;
        return new AgreementResult(rows, agreement, meanKl, meanCosine);
    }

    private double klDivergence(float[] ref, float[] other, int offset, int k) {
        LogitRows.logSoftmax(ref, offset, k, refLogProbabilities);
        LogitRows.logSoftmax(other, offset, k, otherLogProbabilities);
        double kl = 0.0;
        for (int j = 0; j < k; j++) {
            double logP = refLogProbabilities[j];
            // p log(p/q) -> 0 as p -> 0, and both log-probabilities are finite here.
            kl += Math.exp(logP) * (logP - otherLogProbabilities[j]);
        }
        // KL is never negative; a tiny negative value is rounding of a true 0.
        return Math.max(0.0, kl);
    }

    private static double cosine(float[] ref, float[] other, int offset, int k) {
        double dot = 0.0;
        double refNormSquared = 0.0;
        double otherNormSquared = 0.0;
        for (int j = 0; j < k; j++) {
            double x = ref[offset + j];
            double y = other[offset + j];
            dot += x * y;
            refNormSquared += x * x;
            otherNormSquared += y * y;
        }
        if (refNormSquared == 0.0 || otherNormSquared == 0.0) {
            return refNormSquared == otherNormSquared ? 1.0 : 0.0;
        }
        // Clamp: rounding can push identical directions a hair past 1.
        double cosine = dot / (Math.sqrt(refNormSquared) * Math.sqrt(otherNormSquared));
        return Math.max(-1.0, Math.min(1.0, cosine));
    }
}

package org.compresslab.eval.stats;

/**
 * Row operations on a row-major batch of logits ({@code rows} rows of {@code k} floats).
 */
final class LogitRows {

    private LogitRows() {
    }

    /** Checks that a batch of {@code rows x k} logits fits in {@code logits}. */
    static void requireBatch(float[] logits, int rows, int k, String name) {
        if (logits == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (rows < 0 || k < 1) {
            throw new IllegalArgumentException("need rows >= 0 and k >= 1, got rows=" + rows + ", k=" + k);
        }
        if ((long) rows * k > logits.length) {
            throw new IllegalArgumentException(name + " has " + logits.length
                    + " values, fewer than rows * k = " + (long) rows * k);
        }
    }

    /** Index of the largest value in the row; ties go to the lowest index (like numpy.argmax). */
    static int argmax(float[] logits, int offset, int k) {
        int best = 0;
        float bestValue = logits[offset];
        for (int j = 1; j < k; j++) {
            // Strictly greater, so an equal later value never displaces an earlier one.
            if (logits[offset + j] > bestValue) {
                bestValue = logits[offset + j];
                best = j;
            }
        }
        return best;
    }

    /**
     * Zero-based rank of class {@code c} when the row is ordered by descending value with ties
     * broken towards the lower index, the same order that makes {@link #argmax} rank 0.
     */
    static int rankOf(float[] logits, int offset, int k, int c) {
        float value = logits[offset + c];
        int rank = 0;
        for (int j = 0; j < k; j++) {
            float other = logits[offset + j];
            if (other > value || (other == value && j < c)) {
                rank++;
            }
        }
        return rank;
    }

    static boolean containsNaN(float[] logits, int offset, int k) {
        for (int j = 0; j < k; j++) {
            if (Float.isNaN(logits[offset + j])) {
                return true;
            }
        }
        return false;
    }

    static boolean allFinite(float[] logits, int offset, int k) {
        for (int j = 0; j < k; j++) {
            if (!Float.isFinite(logits[offset + j])) {
                return false;
            }
        }
        return true;
    }

    /**
     * Log-softmax of one finite row in double precision, written to {@code out[0..k-1]}.
     * Subtracting the maximum before exponentiating keeps exp() from overflowing and guarantees
     * the largest term is exp(0) = 1, so the log of the sum is always finite.
     */
    static void logSoftmax(float[] logits, int offset, int k, double[] out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            max = Math.max(max, logits[offset + j]);
        }
        double sum = 0.0;
        for (int j = 0; j < k; j++) {
            out[j] = logits[offset + j] - max;
            sum += Math.exp(out[j]);
        }
        double logSum = Math.log(sum);
        for (int j = 0; j < k; j++) {
            out[j] -= logSum;
        }
    }
}

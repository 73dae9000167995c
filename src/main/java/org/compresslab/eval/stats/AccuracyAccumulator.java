package org.compresslab.eval.stats;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Accumulates top-1 and top-5 accuracy batch by batch, and remembers each image's top-1
 * prediction and correctness so two models can later be compared image by image
 * ({@link McNemarTest#fromPredictions}).
 *
 * <p>Ranking rules, shared by top-1 and top-5: classes are ordered by descending logit and equal
 * logits by ascending class index, so in a tie the lowest index wins (as {@code numpy.argmax}).
 * Top-5 means the label ranks among the first {@code min(5, k)} classes; with fewer than five
 * classes every image therefore counts as top-5 correct.
 *
 * <p>A row containing a NaN logit has no meaningful ranking: it counts as wrong for both top-1 and
 * top-5, its prediction is recorded as {@link #NO_PREDICTION}, and it is counted in
 * {@link #nanRows()}. Infinite logits rank normally.
 *
 * <p>Not thread-safe.
 */
public final class AccuracyAccumulator {

    /** Recorded prediction of a row whose logits contained NaN; never equals a valid label. */
    public static final int NO_PREDICTION = -1;

    private static final int TOP_K = 5;

    private int n;
    private long top1Correct;
    private long top5Correct;
    private long nanRows;
    private int[] predictions = new int[1024];
    private final BitSet correct = new BitSet();

    /**
     * Adds {@code rows} images: {@code logits} holds {@code rows x k} values row-major (it may be
     * longer, extra values are ignored) and {@code labels[i]} is the true class of row i. The
     * whole batch is validated before anything is counted, so a rejected batch leaves the
     * accumulator unchanged.
     *
     * @throws IllegalArgumentException if an array is null or too short, {@code k < 1}, a label
     *     is outside [0, k), or the total would exceed {@link Integer#MAX_VALUE} images
     */
    public void add(float[] logits, int rows, int k, int[] labels) {
        LogitRows.requireBatch(logits, rows, k, "logits");
        if (labels == null || labels.length < rows) {
            throw new IllegalArgumentException("need at least " + rows + " labels, got "
                    + (labels == null ? "null" : String.valueOf(labels.length)));
        }
        for (int row = 0; row < rows; row++) {
            if (labels[row] < 0 || labels[row] >= k) {
                throw new IllegalArgumentException(
                        "label " + labels[row] + " of row " + row + " is outside [0, " + k + ")");
            }
        }
        if ((long) n + rows > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many images for per-image storage");
        }
        ensureCapacity(n + rows);
        int topK = Math.min(TOP_K, k);
        for (int row = 0; row < rows; row++) {
            int offset = row * k;
            int label = labels[row];
            int image = n++;
            if (LogitRows.containsNaN(logits, offset, k)) {
                nanRows++;
                predictions[image] = NO_PREDICTION;
                continue;
            }
            int prediction = LogitRows.argmax(logits, offset, k);
            predictions[image] = prediction;
            if (prediction == label) {
                top1Correct++;
                correct.set(image);
            }
            if (LogitRows.rankOf(logits, offset, k, label) < topK) {
                top5Correct++;
            }
        }
    }

    /** Number of images added. */
    public long count() {
        return n;
    }

    public long top1Correct() {
        return top1Correct;
    }

    public long top5Correct() {
        return top5Correct;
    }

    /** Rows that contained at least one NaN logit (all counted as wrong). */
    public long nanRows() {
        return nanRows;
    }

    /** Per-image top-1 predictions in the order added ({@link #NO_PREDICTION} for NaN rows); a copy. */
    public int[] predictions() {
        return Arrays.copyOf(predictions, n);
    }

    /** Per-image top-1 correctness in the order added; a copy. */
    public boolean[] correct() {
        boolean[] copy = new boolean[n];
        for (int i = correct.nextSetBit(0); i >= 0; i = correct.nextSetBit(i + 1)) {
            copy[i] = true;
        }
        return copy;
    }

    /** Accuracy over all images added so far. */
    public AccuracyResult result() {
        if (n == 0) {
            return new AccuracyResult(0, Double.NaN, ProportionInterval.UNDEFINED, Double.NaN);
        }
        double total = n;
        return new AccuracyResult(n, top1Correct / total, WilsonInterval.of(top1Correct, n), top5Correct / total);
    }

    private void ensureCapacity(int required) {
        if (required > predictions.length) {
            // Grow geometrically so adding image by image stays amortised O(1).
            long grown = Math.min(2L * predictions.length, Integer.MAX_VALUE - 8);
            predictions = Arrays.copyOf(predictions, (int) Math.max(required, grown));
        }
    }
}

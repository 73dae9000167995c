package org.compresslab.compress.quantize;

import java.util.Objects;

/**
 * Counts of an activation tensor's values in equal-width bins over a range fixed in advance (by a first
 * min/max pass), so that a calibrator can choose a clipping range without keeping millions of floats.
 * Not thread-safe: one calibration pass fills it.
 */
public final class TensorHistogram {
    /** Fine enough that a 256-level quantization grid spans many bins (TensorRT uses 2048 too). */
    public static final int DEFAULT_BINS = 2048;

    private final double min;
    private final double max;
    private final long[] counts;
    // Multiplying is much cheaper than dividing in the hot loop; zero when min == max so every value lands in bin 0.
    private final double binsPerUnit;
    private long total;

    public TensorHistogram(double min, double max, int bins) {
        if (!Double.isFinite(min) || !Double.isFinite(max) || !(min <= max)) {
            throw new IllegalArgumentException("bad histogram range [" + min + ", " + max + "]");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("a histogram needs at least one bin, got " + bins);
        }
        this.min = min;
        this.max = max;
        this.counts = new long[bins];
        this.binsPerUnit = max > min ? bins / (max - min) : 0;
    }

    /**
     * Counts {@code values[offset .. offset+length)}. Values outside [min, max] go to the edge bins rather than
     * being dropped: the calibrators must see the tails' mass, and the range came from the same data anyway.
     * NaN carries no magnitude, so it is skipped.
     */
    public void add(float[] values, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, values.length);
        long[] c = counts;
        int last = c.length - 1;
        double lo = min;
        double scale = binsPerUnit;
        long added = 0;
        for (int k = offset, end = offset + length; k < end; k++) {
            float v = values[k];
            if (v != v) {
                continue;
            }
            // (int) truncates toward zero and saturates at ±infinity; the clamp handles both ends.
            // With min == max, infinity * 0 is NaN, which (int) turns into bin 0.
            int i = (int) ((v - lo) * scale);
            if (i < 0) {
                i = 0;
            } else if (i > last) {
                i = last;
            }
            c[i]++;
            added++;
        }
        total += added;
    }

    /** A copy of the counts, bin 0 first. */
    public long[] counts() {
        return counts.clone();
    }

    public int bins() {
        return counts.length;
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    /** Zero when min == max. */
    public double binWidth() {
        return (max - min) / counts.length;
    }

    /** How many (non-NaN) values were added. */
    public long total() {
        return total;
    }

    public double binCenter(int i) {
        Objects.checkIndex(i, counts.length);
        return min + (i + 0.5) * binWidth();
    }
}

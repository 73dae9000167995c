package org.compresslab.ui.evaluate;

/** One bar of the latency histogram: runs whose latency fell in [fromMs, toMs). */
public record HistogramBin(double fromMs, double toMs, int count) {

    /** Equal-width bins between the smallest and largest sample (p99.5 caps the range so one outlier doesn't flatten the rest). */
    public static java.util.List<HistogramBin> of(double[] samples, int bins) {
        if (samples == null || samples.length == 0) {
            return java.util.List.of();
        }
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        double lo = sorted[0];
        double hi = sorted[Math.min(sorted.length - 1, (int) Math.ceil(0.995 * (sorted.length - 1)))];
        if (hi <= lo) {
            hi = lo + Math.max(1e-6, lo * 1e-3);
        }
        double width = (hi - lo) / bins;
        int[] counts = new int[bins];
        int above = 0;
        for (double s : sorted) {
            if (s > hi) {
                above++;
                continue;
            }
            counts[Math.min(bins - 1, (int) ((s - lo) / width))]++;
        }
        java.util.List<HistogramBin> out = new java.util.ArrayList<>();
        for (int i = 0; i < bins; i++) {
            out.add(new HistogramBin(lo + i * width, lo + (i + 1) * width, counts[i]));
        }
        if (above > 0) {
            out.add(new HistogramBin(hi, sorted[sorted.length - 1], above));
        }
        return out;
    }
}

package org.compresslab.ui.evaluate;

/**
 * One bar of the latency histogram: runs whose latency fell in [fromMs, toMs). The overflow bin
 * ({@code overflow} true, always last) holds the runs slower than the regular bins' range, from
 * {@code fromMs} up to the slowest run, {@code toMs}.
 */
public record HistogramBin(double fromMs, double toMs, int count, boolean overflow) {

    /**
     * Equal-width bins between the fastest run and the slowest regular one, plus an overflow bin for
     * outliers, so that one outlier doesn't flatten the rest: runs above p99.5, and, as p99.5 is the
     * maximum itself below 200 runs, runs above the far-out fence Q3 + 3·IQR.
     */
    public static java.util.List<HistogramBin> of(double[] samples, int bins) {
        if (samples == null || samples.length == 0) {
            return java.util.List.of();
        }
        double[] sorted = samples.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        double lo = sorted[0];
        double p995 = sorted[Math.min(n - 1, (int) Math.ceil(0.995 * (n - 1)))];
        double q1 = sorted[(int) Math.floor(0.25 * (n - 1))];
        double q3 = sorted[(int) Math.ceil(0.75 * (n - 1))];
        double cap = Math.min(p995, q3 + 3 * (q3 - q1));
        // the regular bins end at the slowest run within the cap
        double hi = lo;
        for (int i = 0; i < n && sorted[i] <= cap; i++) {
            hi = sorted[i];
        }
        double max = sorted[n - 1];
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
            out.add(new HistogramBin(lo + i * width, i == bins - 1 ? hi : lo + (i + 1) * width, counts[i], false));
        }
        if (above > 0) {
            out.add(new HistogramBin(hi, max, above, true));
        }
        return out;
    }
}

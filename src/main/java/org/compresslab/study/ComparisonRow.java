package org.compresslab.study;

/**
 * One run against the baseline, as the compare table shows it. Ratios are baseline over run for
 * latency (above 1 = faster) and run over baseline for size and MACs (below 1 = smaller); NaN where a
 * figure is missing. Latency here comes from the two runs' separate evaluations: the interleaved
 * {@code compare} measurement gives the trustworthy ratio, on demand.
 *
 * @param mcnemarP            exact McNemar p on the paired correctness; NaN when the runs were not
 *                            evaluated on the same images
 * @param top1Agreement       share of images where both predict the same class; NaN as above
 * @param macsFellNotLatency  MACs fell by over 10% but latency did not improve by 5%: the case users
 *                            complain about (e.g. pruning masks, tiny layers)
 */
public record ComparisonRow(String runId, String name, String kind, double accuracy, double accuracyLo,
                            double accuracyHi, double accuracyDelta, double mcnemarP, double top1Agreement,
                            double latencySpeedup, double sizeRatio, double macsRatio, boolean macsFellNotLatency) {
}

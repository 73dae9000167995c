package org.compresslab.eval.stats;

/**
 * Classification accuracy over n images.
 *
 * @param n number of images
 * @param top1 fraction whose highest-scoring class is the label; NaN when n == 0
 * @param top1Ci95 95% Wilson interval of {@code top1}; NaN bounds when n == 0
 * @param top5 fraction whose label is among the five highest-scoring classes (among all k when
 *     k &lt; 5); NaN when n == 0
 */
public record AccuracyResult(long n, double top1, ProportionInterval top1Ci95, double top5) {
}

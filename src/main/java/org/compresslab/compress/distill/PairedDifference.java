package org.compresslab.compress.distill;

import org.compresslab.eval.stats.McNemarResult;
import org.compresslab.eval.stats.WilsonInterval;

/**
 * Top-1 of the distilled student minus the control's, on the same images, with a 95% Wald interval
 * for a difference of paired proportions: only the images exactly one of them gets right move it.
 *
 * @param difference (studentOnly − controlOnly) / n, in [−1, 1]
 */
public record PairedDifference(double difference, double lo, double hi) {

    static PairedDifference of(McNemarResult t) {
        double n = t.n();
        double b = t.onlyA();
        double c = t.onlyB();
        double d = (b - c) / n;
        double half = WilsonInterval.Z_95 * Math.sqrt(Math.max(0, b + c - (b - c) * (b - c) / n)) / n;
        return new PairedDifference(d, Math.max(-1, d - half), Math.min(1, d + half));
    }
}

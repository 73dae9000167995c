package org.compresslab.compress.prune;

import org.compresslab.graph.Tensor;

/** One layer's weights after pruning: how many, how many non-zero, and the share that is zero. */
public record LayerSparsity(String layer, String weight, long weights, long nonZero, double sparsity) {

    static LayerSparsity of(String layer, Tensor w) {
        long n = w.elementCount();
        long nz = w.nonZeroCount();
        return new LayerSparsity(layer, w.name(), n, nz, n == 0 ? 0 : 1.0 - (double) nz / n);
    }
}

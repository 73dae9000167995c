package org.compresslab.compress.lowrank;

import java.util.List;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * A layer low-rank factorization can replace by a chain of thinner layers, its weight already
 * decomposed. Ranks are one number for an SVD, two (output, input) for a Tucker-2 decomposition.
 */
interface FactorizableLayer {
    /** The node as found (in the graph it was found in). */
    Node node();

    /** "svd" or "tucker-2". */
    String method();

    /** The weight the decomposition factors. */
    Tensor weight();

    default List<Long> weightShape() {
        return java.util.stream.LongStream.of(weight().dims()).boxed().toList();
    }

    List<Integer> fullRanks();

    List<Integer> ranks(RankRule rule);

    /** Weight parameters of the layer (its bias is kept as it is and not counted). */
    long paramsBefore();

    long paramsAfter(List<Integer> ranks);

    /** Multiply-accumulates for one image, -1 when the shapes are unknown. */
    long macsBefore();

    long macsAfter(List<Integer> ranks);

    /** ‖W − Ŵ‖_F / ‖W‖_F of the weight the factors multiply back to. */
    double relativeError(List<Integer> ranks);

    /**
     * Replaces the layer in {@code g} — this graph or a copy of it; the node is found by the value it
     * writes — and returns the names of the nodes that took its place.
     */
    List<String> replace(Graph g, List<Integer> ranks);

    /** Whether the factorized layer would have fewer parameters and (when known) fewer MACs. */
    default boolean reduces(List<Integer> ranks) {
        long macs = macsAfter(ranks);
        return paramsAfter(ranks) < paramsBefore() && (macsBefore() < 0 || macs < macsBefore());
    }

    default String name() {
        return node().label();
    }
}

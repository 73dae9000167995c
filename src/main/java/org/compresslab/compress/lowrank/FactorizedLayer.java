package org.compresslab.compress.lowrank;

import java.util.List;

/**
 * One layer as factorized: its weight's shape, the full and kept ranks (one for an SVD; output then
 * input channel mode for Tucker-2), its weight parameters and MACs before and after, how far the
 * factors are from the weight, and the nodes that replaced it.
 *
 * @param relativeError ‖W − Ŵ‖_F / ‖W‖_F
 * @param macsBefore    for one image; -1 when the shapes are unknown
 */
public record FactorizedLayer(String layer, String op, String method, List<Long> weightShape, List<Integer> fullRanks,
                              List<Integer> ranks, long paramsBefore, long paramsAfter, long macsBefore,
                              long macsAfter, double relativeError, List<String> replacedBy) {
    public FactorizedLayer {
        weightShape = List.copyOf(weightShape);
        fullRanks = List.copyOf(fullRanks);
        ranks = List.copyOf(ranks);
        replacedBy = List.copyOf(replacedBy);
    }
}

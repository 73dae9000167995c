package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/** The float weight initializers of a graph's Conv, Gemm and MatMul layers, less the excluded ones. */
final class PrunableWeights {
    private static final Set<String> LAYER_OPS = Set.of("Conv", "Gemm", "MatMul");

    /** weight initializer name → the layer (node name) that reads it */
    private final Map<String, String> layers;

    private PrunableWeights(Map<String, String> layers) {
        this.layers = layers;
    }

    static PrunableWeights of(Graph g, List<String> exclude) {
        Set<String> ex = new HashSet<>(exclude);
        Map<String, String> layers = new LinkedHashMap<>();
        for (Node n : g.nodes()) {
            if (!LAYER_OPS.contains(n.opType()) || ex.contains(n.name()) || ex.contains(n.opType())) {
                continue;
            }
            String w = n.input(1);
            if (g.initializer(w).filter(t -> t.type() == DataType.FLOAT).isPresent()) {
                layers.putIfAbsent(w, n.name());
            }
        }
        return new PrunableWeights(layers);
    }

    List<String> names() {
        return new ArrayList<>(layers.keySet());
    }

    String layerOf(String weight) {
        return layers.get(weight);
    }

    /** How many weights the layers have. */
    long total(Graph g) {
        return layers.keySet().stream().mapToLong(w -> g.initializer(w).orElseThrow().elementCount()).sum();
    }

    long nonZero(Graph g) {
        return layers.keySet().stream().map(w -> g.initializer(w).orElseThrow()).mapToLong(Tensor::nonZeroCount).sum();
    }
}

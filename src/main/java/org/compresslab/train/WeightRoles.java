package org.compresslab.train;

import java.util.HashSet;
import java.util.Set;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/** Which initializers are trained weights and which are BatchNorm statistics. */
final class WeightRoles {
    private WeightRoles() {
    }

    /**
     * Float initializers in weight positions: Conv and Gemm weights and biases, MatMul operands,
     * BatchNorm/LayerNorm scales and shifts, and non-scalar terms added or multiplied in (positional
     * embeddings, layer scales). Scalars such as GELU's constants stay fixed.
     */
    static Set<String> trainable(Graph g) {
        Set<String> out = new HashSet<>();
        for (Node n : g.nodes()) {
            switch (n.opType()) {
                case "Conv", "Gemm" -> addIfFloat(g, out, n.input(1), n.input(2));
                case "MatMul" -> addIfFloat(g, out, n.input(0), n.input(1));
                case "BatchNormalization", "LayerNormalization" -> addIfFloat(g, out, n.input(1), n.input(2));
                case "Add", "Sub", "Mul", "Div" -> {
                    for (String in : n.inputs()) {
                        Tensor t = g.initializer(in).orElse(null);
                        if (t != null && t.type() == DataType.FLOAT && t.elementCount() > 1) {
                            out.add(in);
                        }
                    }
                }
                default -> { }
            }
        }
        return out;
    }

    static Set<String> batchNormStatistics(Graph g) {
        Set<String> out = new HashSet<>();
        for (Node n : g.nodes()) {
            if (n.opType().equals("BatchNormalization")) {
                addIfFloat(g, out, n.input(3), n.input(4));
            }
        }
        return out;
    }

    private static void addIfFloat(Graph g, Set<String> out, String... names) {
        for (String name : names) {
            g.initializer(name).filter(t -> t.type() == DataType.FLOAT).ifPresent(t -> out.add(name));
        }
    }
}

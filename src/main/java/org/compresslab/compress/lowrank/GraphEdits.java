package org.compresslab.compress.lowrank;

import java.util.List;
import org.compresslab.compress.CompressionException;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/** The small graph edits the factorizations share. */
final class GraphEdits {
    private GraphEdits() {
    }

    /** The node of {@code g} that writes {@code found}'s first output (a copy's counterpart of a node). */
    static Node counterpart(Graph g, Node found) {
        return g.producer(found.output(0)).filter(n -> n.opType().equals(found.opType()))
                .orElseThrow(() -> new CompressionException("layer " + found.label() + " is not in the model"));
    }

    /** Adds a float initializer named after {@code base} and returns its name. */
    static String weight(Graph g, String base, long[] dims, float[] values) {
        String name = g.uniqueName(base);
        g.putInitializer(Tensor.ofFloats(name, dims, values));
        return name;
    }

    /** The name a new node (and the value it writes) gets: the layer's name and a suffix. */
    static String nodeName(Graph g, Node layer, String suffix) {
        String base = layer.name().isEmpty() ? layer.output(0) : layer.name();
        return g.uniqueName(base + "." + suffix);
    }

    static Node node(String name, String op, List<String> inputs, String output) {
        return new Node(name, op, inputs, List.of(output));
    }

    /** Attributes of a 1×1 convolution with no stride, padding or dilation. */
    static Node pointwise(Node n) {
        return n.setAttribute(Attribute.ofInts("kernel_shape", 1, 1)).setAttribute(Attribute.ofInts("strides", 1, 1))
                .setAttribute(Attribute.ofInts("pads", 0, 0, 0, 0)).setAttribute(Attribute.ofInts("dilations", 1, 1))
                .setAttribute(Attribute.ofInt("group", 1));
    }

    static double[] doubles(Tensor t) {
        float[] f = t.toFloats();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}

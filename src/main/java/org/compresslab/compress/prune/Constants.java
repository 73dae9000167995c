package org.compresslab.compress.prune;

import java.util.List;
import java.util.Optional;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;

/** Reading and replacing the constants a node reads: initializers or the values of Constant nodes. */
final class Constants {
    private Constants() {
    }

    static boolean isConstant(Graph g, String value) {
        return tensor(g, value).isPresent();
    }

    static Optional<Tensor> tensor(Graph g, String value) {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Tensor> init = g.initializer(value);
        if (init.isPresent()) {
            return init;
        }
        return g.producer(value)
                .filter(n -> n.opType().equals("Constant") && n.isDefaultDomain())
                .flatMap(n -> n.attribute("value"))
                .filter(a -> a.kind() == Attribute.Kind.TENSOR)
                .map(Attribute::asTensor);
    }

    /** The integer elements of a constant input, or null when it is absent or not constant. */
    static long[] longs(Graph g, Node n, int input) {
        return n.hasInput(input) ? tensor(g, n.input(input)).map(Tensor::toLongs).orElse(null) : null;
    }

    /**
     * Makes input {@code input} of {@code n} read {@code replacement}. The initializer is edited in place
     * (or a Constant node's value) only when this is its single reader; otherwise the node gets its own
     * copy, so no other reader sees the change. Nodes are never added or removed: groups from an earlier
     * analysis find their nodes by position.
     */
    static void replace(Graph g, Node n, int input, Tensor replacement) {
        String old = n.input(input);
        boolean soleReader = readers(g, old) == 1;
        if (g.isInitializer(old) && soleReader) {
            g.putInitializer(replacement.withName(old));
            redeclareInput(g, old, replacement);
            return;
        }
        Optional<Node> constantNode = g.isInitializer(old) ? Optional.empty()
                : g.producer(old).filter(p -> p.opType().equals("Constant"));
        if (constantNode.isPresent() && soleReader) {
            Tensor was = tensor(g, old).orElseThrow();
            constantNode.get().setAttribute(Attribute.ofTensor("value", replacement.withName(was.name())));
            return;
        }
        String fresh = g.uniqueName(old + ".pruned");
        g.putInitializer(replacement.withName(fresh));
        n.setInput(input, fresh);
        boolean declared = g.inputs().stream().anyMatch(v -> v.name().equals(old));
        if (g.isInitializer(old) && readers(g, old) == 0 && !declared) {
            g.removeInitializer(old);
        }
    }

    private static int readers(Graph g, String value) {
        int count = 0;
        for (Node n : g.nodes()) {
            for (String in : n.inputs()) {
                if (in.equals(value)) {
                    count++;
                }
            }
        }
        for (ValueInfo o : g.outputs()) {
            if (o.name().equals(value)) {
                count++;
            }
        }
        return count;
    }

    /** Older models declare initializers among the inputs, with a shape that must follow the edit. */
    private static void redeclareInput(Graph g, String name, Tensor t) {
        List<ValueInfo> inputs = g.inputs();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).name().equals(name)) {
                g.setInput(i, inputs.get(i).withShape(Shape.of(t.dims())));
            }
        }
    }
}

package org.compresslab.runtime.tensorflow;

import java.util.List;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.tensorflow.proto.NodeDef;

/** Relu, Relu6, Sigmoid, Tanh and Softmax; elementwise ones keep their input's layout, flattened maps included. */
final class ActivationOps implements OpTranslator {
    static final Set<String> OPS = Set.of("Relu", "Relu6", "Sigmoid", "Tanh", "Softmax");

    private final ConvertedGraph g;
    private String relu6Min;
    private String relu6Max;

    ActivationOps(ConvertedGraph g) {
        this.g = g;
    }

    @Override
    public Set<String> ops() {
        return OPS;
    }

    @Override
    public void convert(NodeDef n) {
        switch (n.getOp()) {
            case "Relu" -> unary(n, "Relu");
            case "Sigmoid" -> unary(n, "Sigmoid");
            case "Tanh" -> unary(n, "Tanh");
            case "Relu6" -> relu6(n);
            case "Softmax" -> softmax(n);
            default -> throw new IllegalArgumentException(n.getOp());
        }
    }

    private void unary(NodeDef n, String op) {
        ConvertedValue x = g.in(n, 0);
        g.define(n, new ConvertedValue(g.emit(op, n.getName(), List.of(x.name())), x.rank(), x.flattenedHwc()));
    }

    /** ReLU6 as Clip(x, 0, 6) with the bounds as inputs (opset ≥ 11), the two scalars shared by all. */
    private void relu6(NodeDef n) {
        ConvertedValue x = g.in(n, 0);
        if (relu6Min == null) {
            relu6Min = g.initializer("relu6.min", new long[0], new float[] {0f});
            relu6Max = g.initializer("relu6.max", new long[0], new float[] {6f});
        }
        String y = g.emit("Clip", n.getName(), List.of(x.name(), relu6Min, relu6Max));
        g.define(n, new ConvertedValue(y, x.rank(), x.flattenedHwc()));
    }

    private void softmax(NodeDef n) {
        ConvertedValue x = g.plain(g.in(n, 0));
        long axis = x.rank() == 4 ? 1 : -1; // TensorFlow normalizes the last axis: channels
        g.define(n, new ConvertedValue(g.emit("Softmax", n.getName(), List.of(x.name()), Attribute.ofInt("axis", axis)),
                x.rank()));
    }
}

package org.compresslab.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers every value's type and shape from the graph inputs, for the CV op set in {@link OpSet}.
 * Unknown input dimensions (a symbolic batch) are taken as {@code batch}. Small integer tensors are
 * folded as constants so the Shape→Gather→Concat→Reshape chains exporters write resolve too.
 * An op outside the set, or one whose inputs are unknown, leaves its outputs unknown and is reported.
 */
public final class ShapeInference {
    private static final int MAX_FOLDED_ELEMENTS = 64;

    private ShapeInference() {
    }

    public static ShapeInferenceResult infer(Graph graph, long batch) {
        Map<String, InferredValue> values = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (Tensor t : graph.initializers().values()) {
            values.put(t.name(), fromTensor(t));
        }
        for (ValueInfo in : graph.runtimeInputs()) {
            long[] dims = in.shape() == null ? null : in.shape().withUnknownDimsAs(batch).dims();
            values.put(in.name(), InferredValue.of(in.type(), dims));
        }
        for (Node node : graph.nodes()) {
            InferredValue[] ins = new InferredValue[node.inputs().size()];
            for (int i = 0; i < ins.length; i++) {
                ins[i] = node.input(i).isEmpty() ? null : values.get(node.input(i));
            }
            InferredValue[] outs;
            try {
                outs = OpShapeRules.apply(node, ins, graph.opsetVersion());
            } catch (RuntimeException e) {
                problems.add("cannot infer shapes at node '" + node.label() + "' (" + node.opType() + "): "
                        + e.getMessage());
                outs = null;
            }
            if (outs == null) {
                if (!OpSet.isSupported(node)) {
                    problems.add("op '" + node.opType() + "' (node '" + node.label()
                            + "') is not in CompressLab's op set; its outputs' shapes are unknown");
                }
                for (String o : node.outputs()) {
                    ValueInfo declared = graph.valueInfos().get(o);
                    if (declared != null && declared.shape() != null) {
                        values.put(o, InferredValue.of(declared.type(), declared.shape().withUnknownDimsAs(batch).dims()));
                    }
                }
                continue;
            }
            for (int i = 0; i < outs.length && i < node.outputs().size(); i++) {
                if (!node.output(i).isEmpty() && outs[i] != null) {
                    values.put(node.output(i), outs[i]);
                }
            }
        }
        return new ShapeInferenceResult(values, problems);
    }

    static InferredValue fromTensor(Tensor t) {
        long[] constant = null;
        boolean integral = !t.type().isFloatingPoint() && t.type() != DataType.STRING;
        if (integral && t.elementCount() <= MAX_FOLDED_ELEMENTS) {
            constant = t.toLongs();
        }
        return new InferredValue(t.type(), t.dims(), constant);
    }

    static boolean foldable(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n <= MAX_FOLDED_ELEMENTS;
    }

    static String dimsText(long[] dims) {
        return Arrays.toString(dims);
    }
}

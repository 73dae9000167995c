package org.compresslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import org.compresslab.graph.DataType;
import org.compresslab.graph.InferredValue;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInferenceResult;

/** What one forward pass knows while running nodes: computed values, constants and inferred shapes. */
final class NodeContext {
    final NDManager manager;
    final Map<String, NDArray> values;
    final Map<String, NDArray> constants;
    final ShapeInferenceResult shapes;
    final boolean training;

    NodeContext(NDManager manager, Map<String, NDArray> values, Map<String, NDArray> constants,
                ShapeInferenceResult shapes, boolean training) {
        this.manager = manager;
        this.values = values;
        this.constants = constants;
        this.shapes = shapes;
        this.training = training;
    }

    /** The value of input {@code i} of {@code n}, or null when the input is absent. */
    NDArray input(Node n, int i) {
        String name = n.input(i);
        if (name.isEmpty()) {
            return null;
        }
        NDArray v = values.get(name);
        if (v == null) {
            v = constants.get(name);
        }
        if (v == null) {
            InferredValue iv = shapes.values().get(name);
            if (iv != null && iv.isConstant()) {
                v = integerConstant(iv);
                values.put(name, v);
            }
        }
        if (v == null) {
            throw new UntrainableModelException("node '" + n.label() + "' reads '" + name
                    + "', whose value the training runtime cannot compute");
        }
        return v;
    }

    private NDArray integerConstant(InferredValue iv) {
        long[] c = iv.constant();
        if (iv.type() == DataType.INT32) {
            int[] ints = new int[c.length];
            for (int i = 0; i < c.length; i++) {
                ints[i] = (int) c[i];
            }
            return manager.create(ints, new Shape(iv.dims()));
        }
        return manager.create(c, new Shape(iv.dims()));
    }

    /** Constant integer values as longs (Reshape targets, Slice bounds, axes), or null. */
    long[] constantInts(Node n, int i) {
        if (n.input(i).isEmpty()) {
            return null;
        }
        InferredValue iv = shapes.values().get(n.input(i));
        return iv == null ? null : iv.constant();
    }

    /** The inferred dims of a node output at this batch size. */
    long[] dims(String value) {
        long[] d = shapes.dims(value);
        if (d == null) {
            throw new UntrainableModelException("the shape of '" + value + "' is unknown to the training runtime");
        }
        return d;
    }

    /** True when every output is an integer constant known from inference (shape arithmetic). */
    boolean producesOnlyShapeConstants(Node n) {
        for (String o : n.outputs()) {
            if (o.isEmpty()) {
                continue;
            }
            InferredValue v = shapes.values().get(o);
            if (v == null || !v.isConstant() || v.type().isFloatingPoint()) {
                return false;
            }
        }
        return !n.outputs().isEmpty();
    }
}

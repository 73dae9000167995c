package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.TensorNames.nodeName;
import static org.compresslab.runtime.tensorflow.TensorNames.output;
import static org.compresslab.runtime.tensorflow.TensorNames.tensorName;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;
import org.tensorflow.proto.NodeDef;

/**
 * The ONNX graph an import builds, and what each converted TensorFlow tensor became in it: the op
 * translators read their inputs and define their outputs here, and emit nodes and initializers through it.
 */
final class ConvertedGraph {
    private final Graph graph = new Graph();
    private final SignatureSubgraph tf;
    /** Converted activations by TensorFlow tensor name ("node:index"). */
    private final Map<String, ConvertedValue> values = new HashMap<>();
    private final Map<String, ConvertedValue> plainCache = new HashMap<>();

    ConvertedGraph(SignatureSubgraph tf) {
        this.tf = tf;
    }

    Graph graph() {
        return graph;
    }

    SignatureSubgraph tf() {
        return tf;
    }

    // ---- inputs and outputs --------------------------------------------------------------------------

    void declareInput(String tensor, String key) {
        long[] shape = tf.staticShape(tensor);
        if (shape == null) {
            throw new SavedModelException("the signature input '" + key + "' has no known rank; CompressLab needs"
                    + " e.g. [batch, height, width, channels]");
        }
        graph.addInput(new ValueInfo(key, DataType.FLOAT, onnxShape(shape)));
        values.put(tensor, new ConvertedValue(key, shape.length));
    }

    void declareOutput(String tensor, String key) {
        ConvertedValue v = values.get(tensor);
        if (v == null) {
            throw new SavedModelException("the signature output '" + key + "' does not depend on the input: it is a"
                    + " constant, which CompressLab cannot measure");
        }
        v = plain(v);
        String name = v.name();
        boolean isGraphInput = graph.inputs().stream().anyMatch(i -> i.name().equals(name));
        boolean isOutputAlready = graph.outputs().stream().anyMatch(o -> o.name().equals(name));
        String outName = key.equals(name) || !graph.definedValues().contains(key) ? key : graph.uniqueName(key);
        if (isGraphInput || isOutputAlready) {
            emit("Identity", outName, List.of(name));
        } else if (!outName.equals(name)) {
            Node producer = graph.producer(name).orElseThrow();
            producer.setOutput(producer.outputs().indexOf(name), outName);
            graph.rewireConsumers(name, outName);
            plainCache.replaceAll((k, val) -> val.name().equals(name) ? val.renamed(outName) : val);
            values.replaceAll((k, val) -> val.name().equals(name) ? val.renamed(outName) : val);
        }
        long[] shape = tf.staticShape(tensor);
        graph.addOutput(new ValueInfo(outName, DataType.FLOAT, shape == null ? null : onnxShape(shape)));
    }

    /** The ONNX shape of a TensorFlow shape: NCHW for rank 4, the first unknown dimension named "batch". */
    private static Shape onnxShape(long[] tfShape) {
        long[] dims = tfShape.length == 4 ? NhwcToNchw.dims(tfShape) : tfShape.clone();
        String[] symbols = new String[dims.length];
        if (dims.length > 0 && dims[0] < 0) {
            symbols[0] = "batch";
        }
        return new Shape(dims, symbols);
    }

    // ---- what the translators read and define ---------------------------------------------------------

    /** Defines the first output of {@code n}. */
    void define(NodeDef n, ConvertedValue v) {
        values.put(output(n, 0), v);
    }

    /** Input {@code i} of {@code n} as converted; a constant input becomes an initializer (NCHW when 4-D). */
    ConvertedValue in(NodeDef n, int i) {
        String t = SignatureSubgraph.dataInputs(n).get(i);
        ConvertedValue v = values.get(t);
        if (v != null) {
            return v;
        }
        if (tf.isConstant(t)) {
            return new ConvertedValue(constantInitializer(n, i, "input"), constant(n, i, "input").rank());
        }
        throw new IllegalStateException("input " + t + " of " + n.getName() + " was not converted");
    }

    /** Whether input {@code i} of {@code n} does not depend on the model's input. */
    boolean isConstantInput(NodeDef n, int i) {
        return tf.isConstant(SignatureSubgraph.dataInputs(n).get(i));
    }

    /** The value of constant input {@code i} ({@code what} names it in the error when it is computed instead). */
    ConstantTensor constant(NodeDef n, int i, String what) {
        ConstantTensor c = tf.constant(SignatureSubgraph.dataInputs(n).get(i));
        if (c == null) {
            throw new SavedModelException("the " + what + " of '" + n.getName() + "' (" + n.getOp() + ") is computed"
                    + " from the model's input; CompressLab needs it to be a constant or a variable");
        }
        return c;
    }

    /** Constant input {@code i} as an initializer, moved to NCHW when it is 4-D. */
    String constantInitializer(NodeDef n, int i, String what) {
        ConstantTensor c = constant(n, i, what);
        return c.rank() == 4 ? initializer(weightName(n, i), NhwcToNchw.dims(c.dims()),
                NhwcToNchw.data(c.asFloats(), c.dims())) : initializer(weightName(n, i), c.dims(), c.asFloats());
    }

    /** A name for a weight: the variable it was read from when there is one (e.g. "conv1/kernel"). */
    String weightName(NodeDef n, int input) {
        String t = SignatureSubgraph.dataInputs(n).get(input);
        NodeDef src = tf.node(nodeName(t));
        while (Set.of("ReadVariableOp", "Identity").contains(src.getOp()) && src.getInputCount() > 0) {
            src = tf.node(nodeName(tensorName(src.getInput(0))));
        }
        boolean variable = Set.of("VarHandleOp", "VariableV2").contains(src.getOp());
        return variable ? src.getName() : n.getName() + "/input" + input;
    }

    // ---- layout --------------------------------------------------------------------------------------

    /** The value in TensorFlow's element order: a flattened map held in NCHW order is put back in NHWC order. */
    ConvertedValue plain(ConvertedValue v) {
        if (v.flattenedHwc() == null) {
            return v;
        }
        return plainCache.computeIfAbsent(v.name(), k -> {
            long[] hwc = v.flattenedHwc();
            String base = v.name();
            String map = emit("Reshape", base + "/as_nchw", List.of(v.name(),
                    longs(base + "/nchw_shape", -1, hwc[2], hwc[0], hwc[1])));
            String nhwc = emit("Transpose", base + "/as_nhwc", List.of(map), Attribute.ofInts("perm", NhwcToNchw.TO_NHWC));
            String flat = emit("Reshape", base + "/nhwc_flat", List.of(nhwc,
                    longs(base + "/flat_shape", -1, hwc[0] * hwc[1] * hwc[2])));
            return new ConvertedValue(flat, 2);
        });
    }

    /**
     * After axes {@code removed} of an NCHW value were reduced away, the remaining axes are in NCHW's
     * relative order; a Transpose puts them back in TensorFlow's when the two differ (e.g. removing H).
     */
    ConvertedValue backToTensorFlowOrder(NodeDef n, String y, long[] removed) {
        Set<Long> gone = new HashSet<>();
        for (long a : removed) {
            gone.add(a);
        }
        List<Long> keptOnnxOrder = new ArrayList<>();
        for (long tfAxis : new long[] {0, 3, 1, 2}) { // NCHW order, as TensorFlow axes
            if (!gone.contains(tfAxis)) {
                keptOnnxOrder.add(tfAxis);
            }
        }
        List<Long> sorted = new ArrayList<>(keptOnnxOrder);
        sorted.sort(null);
        if (sorted.equals(keptOnnxOrder)) {
            return new ConvertedValue(y, sorted.size());
        }
        long[] perm = sorted.stream().mapToLong(keptOnnxOrder::indexOf).toArray();
        return new ConvertedValue(emit("Transpose", n.getName() + "/to_nhwc_order", List.of(y),
                Attribute.ofInts("perm", perm)), sorted.size());
    }

    // ---- emitting ------------------------------------------------------------------------------------

    String initializer(String name, long[] dims, float[] data) {
        String unique = graph.isInitializer(name) ? graph.uniqueName(name) : name;
        graph.putInitializer(Tensor.ofFloats(unique, dims, data));
        return unique;
    }

    /** A 1-D int64 initializer (shapes, axes, pads). */
    String longs(String name, long... data) {
        String unique = graph.isInitializer(name) ? graph.uniqueName(name) : name;
        graph.putInitializer(Tensor.ofLongs(unique, new long[] {data.length}, data));
        return unique;
    }

    /** Adds a node with one output named like the node; returns that name. */
    String emit(String op, String name, List<String> inputs, Attribute... attributes) {
        String unique = graph.uniqueName(name);
        Node node = new Node(unique, op, inputs, List.of(unique));
        for (Attribute a : attributes) {
            node.setAttribute(a);
        }
        graph.addNode(node);
        return unique;
    }
}

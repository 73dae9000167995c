package org.compresslab.runtime.tensorflow;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * Converts the part of a SavedModel's graph one signature computes into a {@link Graph} of ONNX ops.
 *
 * <p>Every tensor that does not depend on the signature's inputs (constants, variable reads and arithmetic
 * on them) is evaluated once through the loaded session and becomes an initializer, so weights are found
 * however the model stores them. The graph is moved from TensorFlow's NHWC to ONNX's NCHW: the imported
 * input is [N, C, H, W], every 4-D activation is kept channels-first, weights are permuted (HWIO → OIHW,
 * depthwise → grouped Conv) and axis arguments are mapped. Lower-rank tensors keep TensorFlow's layout,
 * except a flattened feature map, which is kept in NCHW order while only dense layers read it (their weight
 * rows are permuted instead of the activations).
 */
final class GraphDefConverter {
    static final long OPSET = 17;

    /** The TensorFlow ops the converter translates (constant-only ops need no translation: they are folded). */
    static final Set<String> SUPPORTED = new TreeSet<>(Set.of("Placeholder", "Const", "Identity", "StopGradient",
            "Snapshot", "VarHandleOp", "ReadVariableOp", "VariableV2", "Conv2D", "DepthwiseConv2dNative", "BiasAdd",
            "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3", "Relu", "Relu6", "Sigmoid", "Tanh", "MaxPool",
            "MaxPoolV2", "AvgPool", "Mean", "MatMul", "Add", "AddV2", "Sub", "Mul", "RealDiv", "Div", "Reshape", "Squeeze",
            "Softmax", "Pad", "PadV2", "ConcatV2"));

    private static final Set<String> FUNCTION_CALLS = Set.of("StatefulPartitionedCall", "PartitionedCall");

    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final org.tensorflow.Graph live;
    private final Session session;
    private final Graph graph = new Graph();
    /** Converted activations by TensorFlow tensor name ("node:index"). */
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, ConstantTensor> constants = new HashMap<>();
    private final Set<String> constantNodes = new HashSet<>();
    /** How many converted nodes (and signature outputs) read each tensor. */
    private final Map<String, Integer> readers = new HashMap<>();
    private final Map<String, Value> plainCache = new HashMap<>();
    private String relu6Min;
    private String relu6Max;

    /**
     * An activation as converted: its ONNX value name and TensorFlow rank. A rank-4 value is always
     * NCHW. {@code flattenedHwc}, when set, says the value is a flattened [H, W, C] map held in NCHW order
     * (c·H·W + y·W + x) rather than TensorFlow's (y·W + x)·C + c.
     */
    private record Value(String name, int rank, long[] flattenedHwc) {
        Value(String name, int rank) {
            this(name, rank, null);
        }
    }

    GraphDefConverter(org.tensorflow.Graph live, Session session, List<NodeDef> graphDef) {
        this.live = live;
        this.session = session;
        for (NodeDef n : graphDef) {
            nodes.put(n.getName(), n);
        }
    }

    Graph convert(SignatureDef signature, String graphName) {
        graph.setName(graphName);
        graph.opsets().put("", OPSET);
        graph.setProducerName("CompressLab (TensorFlow SavedModel import)");

        Map<String, String> fed = new LinkedHashMap<>();
        for (Map.Entry<String, TensorInfo> in : SavedModelFolder.sorted(signature.getInputsMap())) {
            fed.put(tensorName(in.getValue().getName()), in.getKey());
        }
        List<Map.Entry<String, TensorInfo>> outputs = SavedModelFolder.sorted(signature.getOutputsMap());
        List<String> outputTensors = outputs.stream().map(e -> tensorName(e.getValue().getName())).toList();

        List<String> order = topologicalOrder(outputTensors);
        for (String name : order) {
            NodeDef n = node(name);
            boolean constant = !n.getOp().equals("Placeholder") && !fed.containsKey(name + ":0")
                    && !FUNCTION_CALLS.contains(n.getOp())
                    && dataInputs(n).stream().allMatch(t -> constantNodes.contains(nodeName(t)));
            if (constant) {
                constantNodes.add(name);
            }
        }
        List<NodeDef> needed = neededNodes(order, outputTensors, fed.keySet());
        checkSupported(needed, fed.keySet());
        fetchConstants(needed);

        for (Map.Entry<String, String> in : fed.entrySet()) {
            declareInput(in.getKey(), in.getValue());
        }
        for (NodeDef n : needed) {
            if (!constantNodes.contains(n.getName()) && !fed.containsKey(n.getName() + ":0")) {
                convertNode(n);
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            declareOutput(outputTensors.get(i), outputs.get(i).getKey());
        }
        graph.removeUnusedInitializers();
        return graph;
    }

    // ---- walking the TensorFlow graph ----------------------------------------------------------------

    /** Every node the outputs depend on through data edges, inputs before readers. */
    private List<String> topologicalOrder(List<String> outputTensors) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        Deque<String[]> stack = new ArrayDeque<>();
        for (String t : outputTensors) {
            stack.push(new String[] {nodeName(t), "enter"});
        }
        while (!stack.isEmpty()) {
            String[] top = stack.pop();
            String name = top[0];
            if (top[1].equals("exit")) {
                onPath.remove(name);
                if (done.add(name)) {
                    order.add(name);
                }
                continue;
            }
            if (done.contains(name) || onPath.contains(name)) {
                continue; // a cycle (control flow) is reported when its op is converted
            }
            onPath.add(name);
            stack.push(new String[] {name, "exit"});
            for (String t : dataInputs(node(name))) {
                if (!done.contains(nodeName(t))) {
                    stack.push(new String[] {nodeName(t), "enter"});
                }
            }
        }
        return order;
    }

    /** Nodes the conversion reads: non-constant nodes the outputs need, and the constants they read. */
    private List<NodeDef> neededNodes(List<String> order, List<String> outputTensors, Set<String> fed) {
        Set<String> needed = new HashSet<>();
        outputTensors.forEach(t -> {
            needed.add(nodeName(t));
            readers.merge(t, 1, Integer::sum);
        });
        List<NodeDef> result = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String name = order.get(i);
            if (!needed.contains(name)) {
                continue;
            }
            NodeDef n = node(name);
            result.add(n);
            if (constantNodes.contains(name) || fed.contains(name + ":0")) {
                continue;
            }
            for (String t : convertedInputs(n)) {
                needed.add(nodeName(t));
                readers.merge(t, 1, Integer::sum);
            }
        }
        java.util.Collections.reverse(result);
        return result;
    }

    private void checkSupported(List<NodeDef> needed, Set<String> fed) {
        Map<String, String> unsupported = new LinkedHashMap<>();
        for (NodeDef n : needed) {
            if (FUNCTION_CALLS.contains(n.getOp())) {
                String function = n.getAttrMap().containsKey("f") ? n.getAttrMap().get("f").getFunc().getName() : "?";
                throw new UnsupportedTensorFlowOpException(n.getOp(), n.getName(), "The SavedModel computes its signature"
                        + " by calling the TensorFlow function '" + function + "' (node '" + n.getName() + "', op "
                        + n.getOp() + "), as Keras and tf.function save models; CompressLab imports SavedModels whose"
                        + " signature is a plain graph. Convert the model to ONNX instead (e.g. python -m tf2onnx.convert"
                        + " --saved-model <folder> --opset 17 --output model.onnx) and open the .onnx file.");
            }
            if (!constantNodes.contains(n.getName()) && !fed.contains(n.getName() + ":0")
                    && !SUPPORTED.contains(n.getOp())) {
                unsupported.putIfAbsent(n.getOp(), n.getName());
            }
        }
        if (!unsupported.isEmpty()) {
            Map.Entry<String, String> first = unsupported.entrySet().iterator().next();
            String others = unsupported.size() == 1 ? "" : " It also uses " + String.join(", ",
                    unsupported.keySet().stream().skip(1).map(o -> "'" + o + "'").toList()) + ".";
            throw new UnsupportedTensorFlowOpException(first.getKey(), first.getValue(), "The SavedModel uses the"
                    + " TensorFlow op '" + first.getKey() + "' (node '" + first.getValue() + "'), which CompressLab"
                    + " cannot convert." + others + " Supported ops: " + String.join(", ", SUPPORTED) + ".");
        }
    }

    /** Evaluates, in one session run, every constant tensor a converted node reads. */
    private void fetchConstants(List<NodeDef> needed) {
        Set<String> wanted = new LinkedHashSet<>();
        for (NodeDef n : needed) {
            if (constantNodes.contains(n.getName())) {
                continue;
            }
            for (String t : convertedInputs(n)) {
                if (constantNodes.contains(nodeName(t))) {
                    wanted.add(t);
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        Session.Runner runner = session.runner();
        List<String> order = new ArrayList<>(wanted);
        order.forEach(t -> runner.fetch(nodeName(t), outputIndex(t)));
        try (Result r = runner.run()) {
            for (int i = 0; i < order.size(); i++) {
                constants.put(order.get(i), ConstantTensor.of(r.get(i)));
            }
        } catch (org.tensorflow.exceptions.TensorFlowException e) {
            throw new SavedModelException("TensorFlow cannot compute the model's weights: "
                    + SavedModelFolder.firstLine(e.getMessage()), e);
        }
    }

    /** Data inputs (control dependencies, written "^node", are not data). */
    private static List<String> dataInputs(NodeDef n) {
        List<String> out = new ArrayList<>();
        for (String in : n.getInputList()) {
            if (!in.startsWith("^")) {
                out.add(tensorName(in));
            }
        }
        return out;
    }

    /**
     * The inputs the conversion of {@code n} reads. A Reshape whose target shape is computed from the
     * input's shape (Keras' Flatten with an unknown batch) takes the target from TensorFlow's static shape
     * instead, so the shape arithmetic is not converted.
     */
    private List<String> convertedInputs(NodeDef n) {
        List<String> in = dataInputs(n);
        if (n.getOp().equals("Reshape") && in.size() == 2 && !constantNodes.contains(nodeName(in.get(1)))
                && staticReshapeTarget(n) != null) {
            return in.subList(0, 1);
        }
        return in;
    }

    private NodeDef node(String name) {
        NodeDef n = nodes.get(name);
        if (n == null) {
            throw new SavedModelException("the SavedModel's graph has no node '" + name + "'");
        }
        return n;
    }

    static String tensorName(String input) {
        String s = input.startsWith("^") ? input.substring(1) : input;
        return s.indexOf(':') < 0 ? s + ":0" : s;
    }

    static String nodeName(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? tensor : tensor.substring(0, colon);
    }

    static int outputIndex(String tensor) {
        int colon = tensor.lastIndexOf(':');
        return colon < 0 ? 0 : Integer.parseInt(tensor.substring(colon + 1));
    }

    /** TensorFlow's static shape of a tensor (-1 for unknown dimensions), or null when its rank is unknown. */
    private long[] staticShape(String tensor) {
        org.tensorflow.ndarray.Shape s = live.operation(nodeName(tensor)).output(outputIndex(tensor)).shape();
        return s.isUnknown() ? null : s.asArray();
    }

    private int rankOf(String tensor) {
        long[] s = staticShape(tensor);
        return s == null ? -1 : s.length;
    }

    // ---- inputs and outputs --------------------------------------------------------------------------

    private void declareInput(String tensor, String key) {
        long[] tf = staticShape(tensor);
        if (tf == null) {
            throw new SavedModelException("the signature input '" + key + "' has no known rank; CompressLab needs"
                    + " e.g. [batch, height, width, channels]");
        }
        DataType type = DataType.FLOAT;
        graph.addInput(new ValueInfo(key, type, onnxShape(tf)));
        values.put(tensor, new Value(key, tf.length));
    }

    private void declareOutput(String tensor, String key) {
        Value v = values.get(tensor);
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
            plainCache.replaceAll((k, val) -> val.name().equals(name) ? new Value(outName, val.rank(), val.flattenedHwc()) : val);
            values.replaceAll((k, val) -> val.name().equals(name) ? new Value(outName, val.rank(), val.flattenedHwc()) : val);
        }
        long[] tf = staticShape(tensor);
        graph.addOutput(new ValueInfo(outName, DataType.FLOAT, tf == null ? null : onnxShape(tf)));
    }

    /** The ONNX shape of a TensorFlow shape: NCHW for rank 4, the first unknown dimension named "batch". */
    private static Shape onnxShape(long[] tf) {
        long[] dims = tf.length == 4 ? NhwcToNchw.dims(tf) : tf.clone();
        String[] symbols = new String[dims.length];
        if (dims.length > 0 && dims[0] < 0) {
            symbols[0] = "batch";
        }
        return new Shape(dims, symbols);
    }

    // ---- op conversion -------------------------------------------------------------------------------

    private void convertNode(NodeDef n) {
        switch (n.getOp()) {
            case "Identity", "StopGradient", "Snapshot" -> values.put(out(n, 0), in(n, 0));
            case "Conv2D" -> conv(n, false);
            case "DepthwiseConv2dNative" -> conv(n, true);
            case "BiasAdd" -> biasAdd(n);
            case "FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3" -> batchNorm(n);
            case "Relu" -> unary(n, "Relu");
            case "Sigmoid" -> unary(n, "Sigmoid");
            case "Tanh" -> unary(n, "Tanh");
            case "Relu6" -> relu6(n);
            case "MaxPool", "MaxPoolV2" -> pool(n, "MaxPool");
            case "AvgPool" -> pool(n, "AveragePool");
            case "Mean" -> mean(n);
            case "MatMul" -> matMul(n);
            case "Add", "AddV2" -> binary(n, "Add");
            case "Sub" -> binary(n, "Sub");
            case "Mul" -> binary(n, "Mul");
            case "RealDiv", "Div" -> binary(n, "Div");
            case "Reshape" -> reshape(n);
            case "Squeeze" -> squeeze(n);
            case "Softmax" -> softmax(n);
            case "Pad", "PadV2" -> pad(n);
            case "ConcatV2" -> concat(n);
            case "Placeholder" -> throw new SavedModelException("the signature does not feed the placeholder '"
                    + n.getName() + "' the model needs");
            default -> throw new IllegalStateException("unchecked op " + n.getOp());
        }
    }

    private void conv(NodeDef n, boolean depthwise) {
        requireNhwc(n);
        Value x = in(n, 0);
        requireRank(n, x, 4);
        ConstantTensor filter = constant(n, 1, "filter");
        long[] f = filter.dims();
        long[] strides = spatial(n, "strides", 1);
        long[] dilations = spatial(n, "dilations", 1);
        long[] pads = pads(n, x, new long[] {f[0], f[1]}, strides, dilations);
        long inChannels = staticShape(dataInputs(n).get(0))[3];
        float[] weight;
        long[] dims;
        long group;
        if (depthwise) {
            weight = NhwcToNchw.depthwiseToOihw(filter.asFloats(), f);
            dims = new long[] {f[2] * f[3], 1, f[0], f[1]};
            group = f[2];
        } else {
            weight = NhwcToNchw.hwioToOihw(filter.asFloats(), f);
            dims = new long[] {f[3], f[2], f[0], f[1]};
            group = inChannels > 0 && inChannels != f[2] ? inChannels / f[2] : 1;
        }
        String w = initializer(weightName(n, 1), dims, weight);
        String y = emit("Conv", n.getName(), List.of(x.name(), w), Attribute.ofInts("dilations", dilations),
                Attribute.ofInt("group", group), Attribute.ofInts("kernel_shape", f[0], f[1]), Attribute.ofInts("pads", pads),
                Attribute.ofInts("strides", strides));
        values.put(out(n, 0), new Value(y, 4));
    }

    /** A BiasAdd right after a Conv or a dense layer becomes that layer's bias; otherwise a broadcast Add. */
    private void biasAdd(NodeDef n) {
        requireNhwc(n);
        Value x = in(n, 0);
        ConstantTensor bias = constant(n, 1, "bias");
        String producerTensor = dataInputs(n).get(0);
        Node producer = graph.producer(x.name()).orElse(null);
        // only straight after the layer, whose output nothing else reads (not through an Identity others may read)
        boolean foldable = producer != null && Set.of("Conv", "Gemm").contains(producer.opType())
                && Set.of("Conv2D", "DepthwiseConv2dNative", "MatMul").contains(node(nodeName(producerTensor)).getOp())
                && producer.inputs().size() == 2 && readers.getOrDefault(producerTensor, 0) == 1 && x.flattenedHwc() == null;
        if (foldable) {
            producer.setInput(2, initializer(weightName(n, 1), new long[] {bias.size()}, bias.asFloats()));
            values.put(out(n, 0), x);
            return;
        }
        long[] dims = x.rank() == 4 ? new long[] {bias.size(), 1, 1} : new long[] {bias.size()};
        String b = initializer(weightName(n, 1), dims, bias.asFloats());
        values.put(out(n, 0), new Value(emit("Add", n.getName(), List.of(plain(x).name(), b)), x.rank()));
    }

    private void batchNorm(NodeDef n) {
        requireNhwc(n);
        if (attr(n, "is_training") != null && attr(n, "is_training").getB()) {
            throw new SavedModelException("the batch normalization '" + n.getName() + "' is saved in training mode"
                    + " (is_training=true); export the model for inference");
        }
        for (int i = 1; i < 6; i++) {
            if (readers.getOrDefault(n.getName() + ":" + i, 0) > 0) {
                throw new SavedModelException("the model reads the batch statistics of '" + n.getName()
                        + "', which only training uses");
            }
        }
        Value x = in(n, 0);
        requireRank(n, x, 4);
        String[] names = {"scale", "offset", "mean", "variance"};
        List<String> inputs = new ArrayList<>(List.of(x.name()));
        for (int i = 1; i <= 4; i++) {
            ConstantTensor c = constant(n, i, names[i - 1]);
            inputs.add(initializer(weightName(n, i), new long[] {c.size()}, c.asFloats()));
        }
        float epsilon = attr(n, "epsilon") == null ? 1e-4f : attr(n, "epsilon").getF();
        String y = emit("BatchNormalization", n.getName(), inputs, Attribute.ofFloat("epsilon", epsilon));
        values.put(out(n, 0), new Value(y, 4));
    }

    private void unary(NodeDef n, String op) {
        Value x = in(n, 0);
        values.put(out(n, 0), new Value(emit(op, n.getName(), List.of(x.name())), x.rank(), x.flattenedHwc()));
    }

    /** ReLU6 as Clip(x, 0, 6) with the bounds as inputs (opset ≥ 11), the two scalars shared by all. */
    private void relu6(NodeDef n) {
        Value x = in(n, 0);
        if (relu6Min == null) {
            relu6Min = initializer("relu6.min", new long[0], new float[] {0f});
            relu6Max = initializer("relu6.max", new long[0], new float[] {6f});
        }
        String y = emit("Clip", n.getName(), List.of(x.name(), relu6Min, relu6Max));
        values.put(out(n, 0), new Value(y, x.rank(), x.flattenedHwc()));
    }

    private void pool(NodeDef n, String op) {
        requireNhwc(n);
        Value x = in(n, 0);
        requireRank(n, x, 4);
        long[] ksize;
        long[] strides;
        if (n.getOp().equals("MaxPoolV2")) {
            ksize = constant(n, 1, "ksize").asLongs();
            strides = constant(n, 2, "strides").asLongs();
        } else {
            ksize = attr(n, "ksize").getList().getIList().stream().mapToLong(Long::longValue).toArray();
            strides = attr(n, "strides").getList().getIList().stream().mapToLong(Long::longValue).toArray();
        }
        if (ksize[0] != 1 || ksize[3] != 1 || strides[0] != 1 || strides[3] != 1) {
            throw new SavedModelException("the pooling '" + n.getName() + "' pools across the batch or channels,"
                    + " which ONNX pooling cannot express");
        }
        long[] kernel = {ksize[1], ksize[2]};
        long[] stride = {strides[1], strides[2]};
        long[] pads = pads(n, x, kernel, stride, new long[] {1, 1});
        // TensorFlow's average pooling leaves padding out of the count, as ONNX's count_include_pad=0 does
        String y = emit(op, n.getName(), List.of(x.name()), Attribute.ofInts("kernel_shape", kernel),
                Attribute.ofInts("pads", pads), Attribute.ofInts("strides", stride));
        values.put(out(n, 0), new Value(y, 4));
    }

    private void mean(NodeDef n) {
        Value x = in(n, 0);
        long[] axes = normalized(constant(n, 1, "axes").asLongs(), x.rank());
        boolean keepDims = attr(n, "keep_dims") != null && attr(n, "keep_dims").getB();
        if (x.rank() == 4 && Arrays.equals(sortedCopy(axes), new long[] {1, 2})) {
            String pooled = emit("GlobalAveragePool", n.getName(), List.of(x.name()));
            if (keepDims) {
                values.put(out(n, 0), new Value(pooled, 4));
            } else {
                String flat = emit("Flatten", n.getName() + "/flatten", List.of(pooled), Attribute.ofInt("axis", 1));
                values.put(out(n, 0), new Value(flat, 2));
            }
            return;
        }
        x = plain(x);
        long[] onnxAxes = x.rank() == 4 ? Arrays.stream(axes).map(NhwcToNchw::axis).toArray() : axes;
        String y = emit("ReduceMean", n.getName(), List.of(x.name()), Attribute.ofInts("axes", onnxAxes),
                Attribute.ofInt("keepdims", keepDims ? 1 : 0));
        int rank = keepDims ? x.rank() : x.rank() - axes.length;
        values.put(out(n, 0), x.rank() == 4 && !keepDims ? backToTensorFlowOrder(n, y, axes) : new Value(y, rank));
    }

    private void squeeze(NodeDef n) {
        Value x = in(n, 0);
        long[] axes = attr(n, "squeeze_dims") == null ? new long[0]
                : attr(n, "squeeze_dims").getList().getIList().stream().mapToLong(Long::longValue).toArray();
        if (axes.length == 0) {
            long[] s = staticShape(dataInputs(n).get(0));
            axes = java.util.stream.IntStream.range(0, s.length).filter(i -> s[i] == 1).asLongStream().toArray();
        }
        axes = normalized(axes, x.rank());
        if (x.rank() == 4 && Arrays.equals(sortedCopy(axes), new long[] {1, 2})) {
            values.put(out(n, 0), new Value(emit("Flatten", n.getName(), List.of(x.name()), Attribute.ofInt("axis", 1)), 2));
            return;
        }
        x = plain(x);
        long[] onnxAxes = x.rank() == 4 ? Arrays.stream(axes).map(NhwcToNchw::axis).toArray() : axes;
        String y = emit("Squeeze", n.getName(), List.of(x.name(), longs(n.getName() + "/axes", onnxAxes)));
        values.put(out(n, 0), x.rank() == 4 ? backToTensorFlowOrder(n, y, axes) : new Value(y, x.rank() - axes.length));
    }

    /**
     * After axes {@code removed} of an NCHW value were reduced away, the remaining axes are in NCHW's
     * relative order; a Transpose puts them back in TensorFlow's when the two differ (e.g. removing H).
     */
    private Value backToTensorFlowOrder(NodeDef n, String y, long[] removed) {
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
            return new Value(y, sorted.size());
        }
        long[] perm = sorted.stream().mapToLong(keptOnnxOrder::indexOf).toArray();
        return new Value(emit("Transpose", n.getName() + "/to_nhwc_order", List.of(y), Attribute.ofInts("perm", perm)),
                sorted.size());
    }

    private void matMul(NodeDef n) {
        boolean transA = attr(n, "transpose_a") != null && attr(n, "transpose_a").getB();
        boolean transB = attr(n, "transpose_b") != null && attr(n, "transpose_b").getB();
        Value a = in(n, 0);
        String bTensor = dataInputs(n).get(1);
        if (!constantNodes.contains(nodeName(bTensor))) {
            if (transA || transB) {
                throw new SavedModelException("the MatMul '" + n.getName() + "' multiplies two computed tensors with a"
                        + " transpose, which the importer does not convert");
            }
            values.put(out(n, 0), new Value(emit("MatMul", n.getName(), List.of(plain(a).name(), plain(in(n, 1)).name())),
                    a.rank()));
            return;
        }
        requireRank(n, a, 2);
        ConstantTensor b = constant(n, 1, "weight");
        long[] d = b.dims();
        int rows = (int) d[0];
        int cols = (int) d[1];
        float[] w = b.asFloats();
        if (a.flattenedHwc() != null && !transA) {
            long[] hwc = a.flattenedHwc();
            // TensorFlow's weight is [in, out] ([out, in] with transpose_b): permute its input axis
            w = transB ? NhwcToNchw.transpose(NhwcToNchw.flattenedRows(NhwcToNchw.transpose(w, rows, cols),
                    hwc[0], hwc[1], hwc[2], rows), cols, rows)
                    : NhwcToNchw.flattenedRows(w, hwc[0], hwc[1], hwc[2], cols);
        } else {
            a = plain(a);
        }
        // stored [out, in] with transB=1, as PyTorch's Linear exports and the techniques expect
        float[] weight = transB ? w : NhwcToNchw.transpose(w, rows, cols);
        long[] dims = transB ? new long[] {rows, cols} : new long[] {cols, rows};
        String wName = initializer(weightName(n, 1), dims, weight);
        String y = emit("Gemm", n.getName(), List.of(a.name(), wName), Attribute.ofInt("transA", transA ? 1 : 0),
                Attribute.ofInt("transB", 1));
        values.put(out(n, 0), new Value(y, 2));
    }

    private void binary(NodeDef n, String op) {
        List<String> ins = dataInputs(n);
        boolean c0 = constantNodes.contains(nodeName(ins.get(0)));
        boolean c1 = constantNodes.contains(nodeName(ins.get(1)));
        List<String> names = new ArrayList<>();
        int rank;
        if (c0 || c1) {
            Value x = plain(in(n, c0 ? 1 : 0));
            String c = broadcastConstant(n, c0 ? 0 : 1, x.rank());
            names.add(c0 ? c : x.name());
            names.add(c0 ? x.name() : c);
            rank = Math.max(x.rank(), constant(n, c0 ? 0 : 1, "operand").rank());
        } else {
            Value a = plain(in(n, 0));
            Value b = plain(in(n, 1));
            rank = Math.max(a.rank(), b.rank());
            names.add(rank == 4 && a.rank() < 4 ? toRank4(n, a) : a.name());
            names.add(rank == 4 && b.rank() < 4 ? toRank4(n, b) : b.name());
        }
        values.put(out(n, 0), new Value(emit(op, n.getName(), names), rank));
    }

    /**
     * A constant operand of an elementwise op, laid out to broadcast against an NCHW activation as it did
     * against NHWC: e.g. a per-channel [C] becomes [C, 1, 1].
     */
    private String broadcastConstant(NodeDef n, int input, int otherRank) {
        ConstantTensor c = constant(n, input, "operand");
        if (otherRank != 4 || c.rank() == 0 || c.size() == 1 && c.rank() <= 1) {
            return initializer(weightName(n, input), c.dims(), c.asFloats());
        }
        if (c.rank() > 4) {
            throw new SavedModelException("the node '" + n.getName() + "' broadcasts a rank-" + c.rank()
                    + " constant against a 4-D tensor");
        }
        long[] nhwc = new long[4];
        Arrays.fill(nhwc, 1);
        System.arraycopy(c.dims(), 0, nhwc, 4 - c.rank(), c.rank());
        float[] data = NhwcToNchw.data(c.asFloats(), nhwc);
        long[] nchw = NhwcToNchw.dims(nhwc);
        long[] dims = nchw[0] == 1 ? Arrays.copyOfRange(nchw, 1, 4) : nchw;
        return initializer(weightName(n, input), dims, data);
    }

    /** A lower-rank activation broadcast against a 4-D one: padded with leading 1s (as TensorFlow does), then NCHW. */
    private String toRank4(NodeDef n, Value v) {
        long[] leading = new long[4 - v.rank()];
        for (int i = 0; i < leading.length; i++) {
            leading[i] = i;
        }
        String u = emit("Unsqueeze", n.getName() + "/rank4", List.of(v.name(), longs(n.getName() + "/rank4_axes", leading)));
        return emit("Transpose", n.getName() + "/rank4_nchw", List.of(u), Attribute.ofInts("perm", NhwcToNchw.TO_NCHW));
    }

    private void reshape(NodeDef n) {
        Value x = in(n, 0);
        List<String> ins = dataInputs(n);
        long[] inShape = staticShape(ins.get(0));
        long[] outShape = staticShape(out(n, 0));
        long[] target = constantNodes.contains(nodeName(ins.get(1))) ? constant(n, 1, "shape").asLongs()
                : staticReshapeTarget(n);
        if (x.rank() == 4 && inShape != null && outShape != null && outShape.length == 2 && inShape[1] > 0
                && inShape[2] > 0 && inShape[3] > 0 && outShape[1] == inShape[1] * inShape[2] * inShape[3]) {
            // flattening a feature map: keep NCHW order and let dense readers permute their weights
            String flat = emit("Flatten", n.getName(), List.of(x.name()), Attribute.ofInt("axis", 1));
            boolean sameOrder = inShape[1] * inShape[2] == 1;
            values.put(out(n, 0), new Value(flat, 2, sameOrder ? null : new long[] {inShape[1], inShape[2], inShape[3]}));
            return;
        }
        String source = x.rank() == 4 ? emit("Transpose", n.getName() + "/to_nhwc", List.of(x.name()),
                Attribute.ofInts("perm", NhwcToNchw.TO_NHWC)) : plain(x).name();
        String y = emit("Reshape", n.getName(), List.of(source, longs(n.getName() + "/shape", target)));
        if (target.length == 4) {
            y = emit("Transpose", n.getName() + "/to_nchw", List.of(y), Attribute.ofInts("perm", NhwcToNchw.TO_NCHW));
        }
        values.put(out(n, 0), new Value(y, target.length));
    }

    /** A Reshape's target from TensorFlow's static output shape when at most its batch dimension is unknown. */
    private long[] staticReshapeTarget(NodeDef n) {
        long[] s = staticShape(n.getName() + ":0");
        if (s == null) {
            return null;
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i] < 0) {
                return null;
            }
        }
        return s;
    }

    private void softmax(NodeDef n) {
        Value x = plain(in(n, 0));
        long axis = x.rank() == 4 ? 1 : -1; // TensorFlow normalizes the last axis: channels
        values.put(out(n, 0), new Value(emit("Softmax", n.getName(), List.of(x.name()), Attribute.ofInt("axis", axis)),
                x.rank()));
    }

    private void pad(NodeDef n) {
        Value x = plain(in(n, 0));
        long[] p = constant(n, 1, "paddings").asLongs();
        int r = x.rank();
        if (p.length != 2 * r) {
            throw new SavedModelException("the Pad '" + n.getName() + "' has paddings for " + p.length / 2
                    + " axes, its input has " + r);
        }
        long[] pads = new long[2 * r];
        for (int tfAxis = 0; tfAxis < r; tfAxis++) {
            int axis = r == 4 ? NhwcToNchw.axis(tfAxis) : tfAxis;
            pads[axis] = p[2 * tfAxis];
            pads[r + axis] = p[2 * tfAxis + 1];
        }
        List<String> inputs = new ArrayList<>(List.of(x.name(), longs(n.getName() + "/pads", pads)));
        if (n.getOp().equals("PadV2")) {
            ConstantTensor value = constant(n, 2, "constant value");
            inputs.add(initializer(weightName(n, 2), new long[0], new float[] {value.asFloats()[0]}));
        }
        values.put(out(n, 0), new Value(emit("Pad", n.getName(), inputs, Attribute.ofString("mode", "constant")), r));
    }

    private void concat(NodeDef n) {
        List<String> ins = dataInputs(n);
        int count = ins.size() - 1;
        long axis = constant(n, count, "axis").asLongs()[0];
        int rank = rankOf(out(n, 0));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (constantNodes.contains(nodeName(ins.get(i)))) {
                ConstantTensor c = constant(n, i, "input");
                names.add(rank == 4 ? initializer(weightName(n, i), NhwcToNchw.dims(c.dims()),
                        NhwcToNchw.data(c.asFloats(), c.dims())) : initializer(weightName(n, i), c.dims(), c.asFloats()));
            } else {
                names.add(plain(in(n, i)).name());
            }
        }
        long onnxAxis = rank == 4 ? NhwcToNchw.axis(axis) : axis;
        values.put(out(n, 0), new Value(emit("Concat", n.getName(), names, Attribute.ofInt("axis", onnxAxis)), rank));
    }

    // ---- helpers -------------------------------------------------------------------------------------

    /** The value in TensorFlow's element order: a flattened map held in NCHW order is put back in NHWC order. */
    private Value plain(Value v) {
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
            return new Value(flat, 2);
        });
    }

    private long[] pads(NodeDef n, Value x, long[] kernel, long[] strides, long[] dilations) {
        String padding = attr(n, "padding").getS().toStringUtf8();
        switch (padding) {
            case "VALID" -> {
                return new long[] {0, 0, 0, 0};
            }
            case "SAME" -> {
                long[] s = staticShape(dataInputs(n).get(0));
                if (s == null || s[1] < 0 || s[2] < 0) {
                    throw new SavedModelException("the node '" + n.getName() + "' pads 'SAME' an input of unknown"
                            + " height or width; CompressLab needs a fixed input size");
                }
                long[] h = NhwcToNchw.samePads(s[1], kernel[0], strides[0], dilations[0]);
                long[] w = NhwcToNchw.samePads(s[2], kernel[1], strides[1], dilations[1]);
                return new long[] {h[0], w[0], h[1], w[1]};
            }
            case "EXPLICIT" -> {
                long[] e = attr(n, "explicit_paddings").getList().getIList().stream().mapToLong(Long::longValue).toArray();
                return new long[] {e[2], e[4], e[3], e[5]};
            }
            default -> throw new SavedModelException("the node '" + n.getName() + "' uses padding '" + padding + "'");
        }
    }

    /** The H and W entries of an NHWC [1, h, w, 1] attribute. */
    private static long[] spatial(NodeDef n, String name, long fallback) {
        AttrValue a = attr(n, name);
        if (a == null || a.getList().getICount() == 0) {
            return new long[] {fallback, fallback};
        }
        List<Long> v = a.getList().getIList();
        if (v.size() != 4 || v.get(0) != 1 || v.get(3) != 1) {
            throw new SavedModelException("the node '" + n.getName() + "' has " + name + " " + v
                    + " across the batch or channels, which ONNX cannot express");
        }
        return new long[] {v.get(1), v.get(2)};
    }

    private static void requireNhwc(NodeDef n) {
        AttrValue f = attr(n, "data_format");
        if (f != null && !f.getS().toStringUtf8().equals("NHWC") && !f.getS().isEmpty()) {
            throw new SavedModelException("the node '" + n.getName() + "' (" + n.getOp() + ") uses the data format "
                    + f.getS().toStringUtf8() + "; the importer converts channels-last (NHWC) models");
        }
    }

    private static void requireRank(NodeDef n, Value v, int rank) {
        if (v.rank() != rank) {
            throw new SavedModelException("the node '" + n.getName() + "' (" + n.getOp() + ") reads a rank-" + v.rank()
                    + " tensor where the importer expects rank " + rank);
        }
    }

    private static AttrValue attr(NodeDef n, String name) {
        return n.getAttrMap().get(name);
    }

    private static long[] normalized(long[] axes, int rank) {
        return Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).toArray();
    }

    private static long[] sortedCopy(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s;
    }

    private static String out(NodeDef n, int i) {
        return n.getName() + ":" + i;
    }

    private Value in(NodeDef n, int i) {
        String t = dataInputs(n).get(i);
        Value v = values.get(t);
        if (v != null) {
            return v;
        }
        if (constantNodes.contains(nodeName(t))) {
            ConstantTensor c = constant(n, i, "input");
            String name = c.rank() == 4 ? initializer(weightName(n, i), NhwcToNchw.dims(c.dims()),
                    NhwcToNchw.data(c.asFloats(), c.dims())) : initializer(weightName(n, i), c.dims(), c.asFloats());
            return new Value(name, c.rank());
        }
        throw new IllegalStateException("input " + t + " of " + n.getName() + " was not converted");
    }

    private ConstantTensor constant(NodeDef n, int i, String what) {
        String t = dataInputs(n).get(i);
        ConstantTensor c = constants.get(t);
        if (c == null) {
            throw new SavedModelException("the " + what + " of '" + n.getName() + "' (" + n.getOp() + ") is computed"
                    + " from the model's input; CompressLab needs it to be a constant or a variable");
        }
        return c;
    }

    /** A name for a weight: the variable it was read from when there is one (e.g. "conv1/kernel"). */
    private String weightName(NodeDef n, int input) {
        String t = dataInputs(n).get(input);
        NodeDef src = node(nodeName(t));
        while (Set.of("ReadVariableOp", "Identity").contains(src.getOp()) && src.getInputCount() > 0) {
            src = node(nodeName(tensorName(src.getInput(0))));
        }
        boolean variable = Set.of("VarHandleOp", "VariableV2").contains(src.getOp());
        return variable ? src.getName() : n.getName() + "/input" + input;
    }

    private String initializer(String name, long[] dims, float[] values) {
        String unique = graph.isInitializer(name) ? graph.uniqueName(name) : name;
        graph.putInitializer(Tensor.ofFloats(unique, dims, values));
        return unique;
    }

    private String longs(String name, long... values) {
        String unique = graph.isInitializer(name) ? graph.uniqueName(name) : name;
        graph.putInitializer(Tensor.ofLongs(unique, new long[] {values.length}, values));
        return unique;
    }

    private String emit(String op, String name, List<String> inputs, Attribute... attributes) {
        String unique = graph.uniqueName(name);
        Node node = new Node(unique, op, inputs, List.of(unique));
        for (Attribute a : attributes) {
            node.setAttribute(a);
        }
        graph.addNode(node);
        return unique;
    }
}

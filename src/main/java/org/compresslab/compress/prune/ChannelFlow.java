package org.compresslab.compress.prune;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.ShapeInferenceResult;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;

/**
 * Follows channels through a graph node by node (the nodes are in topological order): every value with
 * a channel axis gets a {@link ChannelLayout}, producers start new channel spaces, elementwise ops tie
 * spaces together, and whatever cannot be followed blocks the spaces it touches. The op rules live here
 * for channel-preserving ops, in {@link LayerRules} for weighted layers, in {@link JoinRules} for ops
 * that join several inputs and in {@link AxisRules} for ops that move or reshape axes.
 */
final class ChannelFlow {
    /** Ops that act on each element (or each channel's plane) alone: channels pass through unchanged. */
    private static final Set<String> PASS_THROUGH = Set.of(
            "Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Elu", "Selu", "Celu",
            "Softplus", "Softsign", "Gelu", "Erf", "Mish", "ThresholdedRelu", "Identity", "Dropout", "Cast", "Abs",
            "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Floor", "Ceil", "Round", "Sign",
            "AveragePool", "GlobalAveragePool", "GlobalMaxPool", "LpPool", "GlobalLpPool");
    private static final Set<String> ELEMENTWISE = Set.of(
            "Add", "Sub", "Mul", "Div", "Pow", "Max", "Min", "Sum", "Mean", "PRelu");

    private final Graph graph;
    private final ShapeInferenceResult shapes;
    private final ChannelSpaces spaces = new ChannelSpaces();
    private final Map<String, ChannelLayout> layouts = new HashMap<>();
    private Node node;
    private int nodeIndex;
    private boolean[] handled;

    private ChannelFlow(Graph graph) {
        this.graph = graph;
        this.shapes = ShapeInference.infer(graph, 1);
    }

    static ChannelSpaces analyse(Graph graph) {
        ChannelFlow flow = new ChannelFlow(graph);
        flow.run();
        return flow.spaces;
    }

    private void run() {
        for (ValueInfo in : graph.runtimeInputs()) {
            long[] dims = shapes.dims(in.name());
            if (dims != null && dims.length >= 2) {
                int space = spaces.create((int) dims[1]);
                spaces.block(space, Blocker.graphInput(in.name()));
                setLayout(in.name(), ChannelLayout.single(space, (int) dims[1], dims.length));
            }
        }
        List<Node> nodes = graph.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            node = nodes.get(i);
            nodeIndex = i;
            handled = new boolean[node.inputs().size()];
            visit();
            for (int k = 0; k < handled.length; k++) {
                ChannelLayout l = layout(k);
                if (!handled[k] && l != null) {
                    block(l, node.opType() + " reads these channels as input " + k + ", which the analysis does not follow");
                }
            }
        }
        for (ValueInfo out : graph.outputs()) {
            ChannelLayout l = layouts.get(out.name());
            if (l != null) {
                l.segments().forEach(s -> spaces.block(s.space(), Blocker.graphOutput(out.name())));
            }
        }
    }

    private void visit() {
        String op = node.opType();
        if (!node.isDefaultDomain()) {
            unknown("op '" + node.domain() + ":" + op + "' is not understood by the channel analysis");
            return;
        }
        switch (op) {
            case "Conv" -> LayerRules.conv(this);
            case "ConvTranspose" -> LayerRules.convTranspose(this);
            case "Gemm" -> LayerRules.gemm(this);
            case "MatMul" -> LayerRules.matMul(this);
            case "BatchNormalization" -> channelwise(4);
            case "InstanceNormalization" -> channelwise(2);
            case "Concat" -> JoinRules.concat(this);
            case "MaxPool" -> {
                if (node.outputs().size() > 1 && !node.output(1).isEmpty()) {
                    unknown("MaxPool indices encode channel positions");
                } else {
                    passThrough();
                }
            }
            case "Shape", "Size" -> handleAll(); // reads only the shape: no channel tensor comes out
            case "Constant" -> handleAll();
            default -> {
                if (ELEMENTWISE.contains(op)) {
                    JoinRules.elementwise(this);
                } else if (PASS_THROUGH.contains(op)) {
                    passThrough();
                } else if (!AxisRules.visit(this)) {
                    unknown("op '" + op + "' is not understood by the channel analysis");
                }
            }
        }
    }

    // ---- rules for channel-preserving ops ----------------------------------------------------------

    private void passThrough() {
        handleAll(); // Clip bounds, Dropout ratio: scalars
        ChannelLayout in = layout(0);
        if (in != null) {
            for (int o = 0; o < node.outputs().size(); o++) {
                setOutput(o, in); // Dropout's mask has the data's shape
            }
        }
    }

    /** BatchNormalization / InstanceNormalization: one parameter per channel in inputs 1..params. */
    private void channelwise(int params) {
        handleAll();
        ChannelLayout in = layout(0);
        if (in == null) {
            return;
        }
        for (int i = 1; i <= params; i++) {
            Tensor t = constant(i);
            if (t == null) {
                unknown("its parameters are computed, not constants");
                return;
            }
            if (t.rank() != 1 || t.dim(0) != in.extent()) {
                unknown("its parameters do not have one value per channel");
                return;
            }
        }
        if (node.outputs().size() > 1 && node.outputs().subList(1, node.outputs().size()).stream().anyMatch(o -> !o.isEmpty())) {
            unknown(node.opType() + " in training mode updates statistics");
            return;
        }
        for (int i = 1; i <= params; i++) {
            follow(in, i, 0);
        }
        setOutput(0, in);
    }

    // ---- what rules use ----------------------------------------------------------------------------

    Graph graph() {
        return graph;
    }

    Node node() {
        return node;
    }

    /** The inferred dimensions of a value (batch 1), or null when unknown. */
    long[] dims(String value) {
        return value.isEmpty() ? null : shapes.dims(value);
    }

    /** Constant elements shape inference folded for a value (e.g. a computed Reshape target), or null. */
    long[] folded(String value) {
        return shapes.value(value).map(v -> v.constant()).orElse(null);
    }

    /** The channel layout of input {@code i}, or null when it is absent, constant or has no channel axis. */
    ChannelLayout layout(int i) {
        return node.hasInput(i) ? layouts.get(node.input(i)) : null;
    }

    Tensor constant(int i) {
        return node.hasInput(i) ? Constants.tensor(graph, node.input(i)).orElse(null) : null;
    }

    boolean isConstant(int i) {
        return constant(i) != null;
    }

    void handleAll() {
        Arrays.fill(handled, true);
    }

    void setOutput(int output, ChannelLayout layout) {
        if (output < node.outputs().size() && !node.output(output).isEmpty() && layout != null) {
            setLayout(node.output(output), layout);
        }
    }

    private void setLayout(String value, ChannelLayout layout) {
        layouts.put(value, layout);
        layout.segments().forEach(s -> spaces.addValue(s.space(), value));
    }

    /** Two layouts of the same structure carry the same channels: their spaces become one group. */
    void tie(ChannelLayout a, ChannelLayout b) {
        for (int s = 0; s < a.segments().size(); s++) {
            spaces.union(a.segments().get(s).space(), b.segments().get(s).space());
        }
    }

    void block(ChannelLayout layout, String reason) {
        Blocker b = Blocker.node(node.label(), node.opType(), reason);
        layout.segments().forEach(s -> spaces.block(s.space(), b));
    }

    /**
     * The current node is not followed: the channels it reads are blocked and its outputs get channels
     * of their own that nothing can prune (blocked for the same reason, should they meet other channels).
     */
    void unknown(String reason) {
        handleAll();
        for (int i = 0; i < node.inputs().size(); i++) {
            ChannelLayout l = layout(i);
            if (l != null) {
                block(l, reason);
            }
        }
        for (int o = 0; o < node.outputs().size(); o++) {
            long[] d = dims(node.output(o));
            if (d == null || d.length >= 2) {
                setOutput(o, opaque(d == null ? -1 : (int) d[1], d == null ? -1 : d.length, reason));
            }
        }
    }

    /** Channels nothing can prune (they come from an op the analysis cannot edit). */
    ChannelLayout opaque(int channels, int rank, String reason) {
        int space = spaces.create(channels);
        spaces.block(space, Blocker.node(node.label(), node.opType(), reason));
        return ChannelLayout.single(space, channels, rank);
    }

    /** Output {@code output} gets new channels made by this node's weight (and bias). */
    ChannelLayout produce(int output, int channels, int rank, int weightInput, int weightAxis, int biasInput, int biasAxis) {
        int space = spaces.create(channels);
        TensorSlice bias = biasInput < 0 ? null : slice(biasInput, biasAxis, 0, 1);
        spaces.addProducer(space, new ProducerSlice(slice(weightInput, weightAxis, 0, 1), bias));
        ChannelLayout out = ChannelLayout.single(space, channels, rank);
        setOutput(output, out);
        return out;
    }

    /** Input {@code input} is a weight that reads the layout's channels along {@code axis}. */
    void consume(ChannelLayout layout, int input, int axis) {
        int[] offsets = layout.offsets();
        for (int s = 0; s < offsets.length; s++) {
            ChannelLayout.Segment seg = layout.segments().get(s);
            spaces.addConsumer(seg.space(), slice(input, axis, offsets[s], seg.block()));
        }
    }

    /** Input {@code input} holds one entry per channel of the layout along {@code axis}, sliced with it. */
    void follow(ChannelLayout layout, int input, int axis) {
        int[] offsets = layout.offsets();
        for (int s = 0; s < offsets.length; s++) {
            ChannelLayout.Segment seg = layout.segments().get(s);
            spaces.addFollower(seg.space(), slice(input, axis, offsets[s], seg.block()));
        }
    }

    void countEdit(ChannelLayout layout, CountEdit.Kind kind, int position) {
        for (ChannelLayout.Segment seg : layout.segments()) {
            spaces.addCountEdit(seg.space(), new CountEdit(nodeIndex, node.label(), kind, position, seg.block()));
        }
    }

    private TensorSlice slice(int input, int axis, int offset, int block) {
        return new TensorSlice(nodeIndex, node.label(), node.opType(), input, axis, offset, block);
    }
}

package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Where static int8 quantization puts its quantize/dequantize pairs in a graph, chosen so that ONNX
 * Runtime can fuse them into integer kernels (QLinearConv, QGemm, QLinearMatMul, QLinearAdd,
 * QLinearGlobalAveragePool): every activation input and the output of a quantized node get a pair;
 * a ReLU right after a quantized node is absorbed (its output is quantized instead — with zero point
 * at the type's minimum, which ORT folds into the Q); shape-only ops and MaxPool after a quantized
 * value share its scale, so ORT runs them on the integers. The graph's outputs stay float.
 */
public final class QuantizationPlan {
    /** Ops with a constant weight input whose weights are quantized per channel. */
    static final Set<String> WEIGHTED = Set.of("Conv", "Gemm", "MatMul");
    /** Ops ORT has integer kernels for whose inputs are all activations. */
    static final Set<String> ACTIVATION_OPS = Set.of("Add", "GlobalAveragePool", "AveragePool", "MatMul");
    /** Ops that move or select values without arithmetic: they keep their input's scale. */
    static final Set<String> PASS_THROUGH = Set.of("MaxPool", "Flatten", "Reshape", "Transpose", "Squeeze",
            "Unsqueeze");
    /**
     * Activations right after a quantized node that ORT folds into the following QuantizeLinear (Relu;
     * Clip such as ReLU6, whose range the calibrated uint8 range lies within).
     */
    static final Set<String> ABSORBABLE = Set.of("Relu", "Clip");

    private final List<Node> weightedLayers = new ArrayList<>();
    private final Set<Node> quantizedNodes = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final Set<String> calibrated = new LinkedHashSet<>();
    private final Map<String, String> sharedWith = new LinkedHashMap<>();

    private QuantizationPlan() {
    }

    /**
     * Plans the quantization of the nodes {@code include} accepts (others stay float). The graph should
     * have its BatchNormalizations folded already.
     */
    public static QuantizationPlan of(Graph g, Predicate<Node> include) {
        QuantizationPlan p = new QuantizationPlan();
        Set<String> graphOutputs = new LinkedHashSet<>();
        g.outputs().forEach(o -> graphOutputs.add(o.name()));
        for (Node n : g.nodes()) {
            if (!n.isDefaultDomain() || !include.test(n)) {
                continue;
            }
            if (weightInput(g, n).isPresent()) {
                p.weightedLayers.add(n);
                p.quantize(g, n, List.of(n.input(0)), graphOutputs);
            } else if (ACTIVATION_OPS.contains(n.opType()) && allActivations(g, n)) {
                p.quantize(g, n, n.inputs(), graphOutputs);
            } else if (PASS_THROUGH.contains(n.opType()) && p.isQuantized(n.input(0))
                    && !graphOutputs.contains(n.output(0))) {
                p.quantizedNodes.add(n);
                p.sharedWith.put(n.output(0), p.rangeSource(n.input(0)));
            }
        }
        return p;
    }

    /** Every node that static int8 quantization can apply to (what sensitivity scans go through). */
    public static List<Node> quantizableLayers(Graph g) {
        return of(g, n -> true).weightedLayers();
    }

    private void quantize(Graph g, Node n, List<String> activationInputs, Set<String> graphOutputs) {
        quantizedNodes.add(n);
        for (String x : activationInputs) {
            if (!x.isEmpty() && !isQuantized(x)) {
                calibrated.add(x);
            }
        }
        String out = n.output(0);
        List<Node> consumers = g.consumers(out);
        if (consumers.size() == 1 && absorbable(g, consumers.get(0)) && !graphOutputs.contains(out)) {
            quantizedNodes.add(consumers.get(0));
            out = consumers.get(0).output(0);
        }
        if (!graphOutputs.contains(out)) {
            calibrated.add(out);
        }
    }

    /** Relu, or a Clip whose lower bound is a constant ≥ 0 (ReLU6): it only cuts what uint8 cannot hold anyway. */
    private static boolean absorbable(Graph g, Node n) {
        if (!ABSORBABLE.contains(n.opType()) || !n.isDefaultDomain()) {
            return false;
        }
        if (n.opType().equals("Relu")) {
            return true;
        }
        if (n.attribute("min").isPresent()) {
            return n.floatAttr("min", -1f) >= 0;
        }
        return n.hasInput(1) && g.initializer(n.input(1)).map(t -> t.elementCount() == 1 && t.toFloats()[0] >= 0)
                .orElse(false);
    }

    /**
     * The index of the node's constant float weight when it is a layer with weights the quantizer knows
     * how to lay out: Conv's W, Gemm's B (without transA), MatMul's 2-D right operand.
     */
    static Optional<Integer> weightInput(Graph g, Node n) {
        if (!WEIGHTED.contains(n.opType()) || !n.isDefaultDomain()) {
            return Optional.empty();
        }
        Optional<Tensor> w = g.initializer(n.input(1)).filter(t -> t.type() == DataType.FLOAT);
        if (w.isEmpty() || g.isInitializer(n.input(0))) {
            return Optional.empty();
        }
        return switch (n.opType()) {
            case "Conv" -> w.get().rank() >= 3 ? Optional.of(1) : Optional.empty();
            case "Gemm" -> n.intAttr("transA", 0) == 0 && w.get().rank() == 2 ? Optional.of(1) : Optional.empty();
            default -> w.get().rank() == 2 ? Optional.of(1) : Optional.empty();
        };
    }

    /** The weight axis that indexes output channels (per-channel scales run along it). */
    static int channelAxis(Node n) {
        return switch (n.opType()) {
            case "Conv" -> 0;
            case "Gemm" -> n.intAttr("transB", 0) == 1 ? 0 : 1;
            default -> 1;
        };
    }

    private static boolean allActivations(Graph g, Node n) {
        return n.inputs().stream().allMatch(x -> !x.isEmpty() && !g.isInitializer(x))
                && g.producer(n.inputs().get(0)).map(p -> !p.opType().equals("Constant")).orElse(true);
    }

    private boolean isQuantized(String tensor) {
        return calibrated.contains(tensor) || sharedWith.containsKey(tensor);
    }

    private String rangeSource(String tensor) {
        return sharedWith.getOrDefault(tensor, tensor);
    }

    /** Layers whose weights are quantized, in graph order. */
    public List<Node> weightedLayers() {
        return Collections.unmodifiableList(weightedLayers);
    }

    public boolean isEmpty() {
        return weightedLayers.isEmpty() && calibrated.isEmpty();
    }

    public boolean quantizes(Node n) {
        return quantizedNodes.contains(n);
    }

    /** Activation tensors that need a calibrated range, in graph order. */
    public Set<String> calibratedTensors() {
        return Collections.unmodifiableSet(calibrated);
    }

    /** Tensors that get a quantize/dequantize pair with the parameters of another tensor (key → value). */
    public Map<String, String> sharedRanges() {
        return Collections.unmodifiableMap(sharedWith);
    }
}

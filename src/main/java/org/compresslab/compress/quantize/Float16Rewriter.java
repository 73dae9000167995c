package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.compress.CompressionException;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;

/**
 * Rewrites a graph (in place; callers pass a copy) so that its float32 tensors are float16: initializers,
 * activations, Constant and ConstantOfShape values, Casts to float and ops' {@code dtype} attributes.
 * Graph inputs and outputs stay float32, with Casts at the boundary, so callers feed and read the model as
 * before. Values that must stay float32 get Casts around them.
 */
final class Float16Rewriter {
    static final float FLOAT16_MAX = 65504f;

    /**
     * Inputs the ONNX spec types as float32 only, whatever the other inputs are (checked for the ops of
     * vision models): Resize's roi and scales (opset 10's scales is input 1; roi may be float16 by the
     * spec, but ONNX Runtime's CPU Resize is registered for float roi only), Upsample's scales, and all the
     * float inputs of NonMaxSuppression.
     */
    static final Map<String, Set<Integer>> FLOAT32_INPUTS = Map.of(
            "Resize", Set.of(1, 2),
            "Upsample", Set.of(1),
            "NonMaxSuppression", Set.of(0, 1, 3, 4));

    /** Outputs that are float32 whatever the input type: LayerNormalization's mean and inverse deviation. */
    static final Map<String, Set<Integer>> FLOAT32_OUTPUTS = Map.of("LayerNormalization", Set.of(1, 2));

    /**
     * Ops kept in float32 as a whole: Quantize/DequantizeLinear take float16 scales only from opset 19 and
     * DynamicQuantizeLinear reads float32 only.
     */
    static final Set<String> FLOAT32_OPS = Set.of("QuantizeLinear", "DequantizeLinear", "DynamicQuantizeLinear");

    /** Ops whose sub-graphs read outer values by name, which this rewrite cannot follow. */
    private static final Set<String> SUBGRAPH_OPS = Set.of("If", "Loop", "Scan");

    record Result(int initializersConverted, long valuesClamped, int castsInserted, List<String> keptFloat) {
    }

    private final Graph g;
    private final Set<String> excludedOps;
    private final Map<String, DataType> types;
    /** Float values whose own name holds float32 (graph inputs, outputs of nodes kept in float32). */
    private final Set<String> float32Values = new HashSet<>();
    private final Map<String, String> float16Copies = new HashMap<>();
    private final Map<String, String> float32Copies = new HashMap<>();
    private final List<String> keptFloat = new ArrayList<>();
    private int initializersConverted;
    private long valuesClamped;
    private int castsInserted;

    private Float16Rewriter(Graph g, Set<String> excludedOps) {
        this.g = g;
        this.excludedOps = excludedOps;
        this.types = ElementTypes.infer(g);
    }

    /**
     * @param excludedOps op types kept in float32, with Casts around them
     * @throws CompressionException for models with control flow, whose sub-graphs this rewrite cannot follow
     */
    static Result rewrite(Graph g, Set<String> excludedOps) {
        return new Float16Rewriter(g, excludedOps).run();
    }

    private Result run() {
        for (Node n : g.nodes()) {
            if (SUBGRAPH_OPS.contains(n.opType())) {
                throw new CompressionException("the model has control flow (" + n.opType() + " node '" + n.label()
                        + "'); float16 conversion does not handle sub-graphs");
            }
        }
        g.runtimeInputs().stream().filter(v -> v.type() == DataType.FLOAT).forEach(v -> float32Values.add(v.name()));
        convertInitializers();
        for (Node n : List.copyOf(g.nodes())) {
            convertNode(n);
        }
        castOutputsBackToFloat32();
        retypeValueInfos();
        return new Result(initializersConverted, valuesClamped, castsInserted, keptFloat);
    }

    private boolean keptInFloat32(Node n) {
        return !n.isDefaultDomain() || excludedOps.contains(n.opType()) || FLOAT32_OPS.contains(n.opType());
    }

    private boolean needsFloat32(Node n, int input) {
        return keptInFloat32(n) || FLOAT32_INPUTS.getOrDefault(n.opType(), Set.of()).contains(input);
    }

    /** True when every reader of {@code value} needs it in float32 (then it is not worth converting). */
    private boolean onlyFloat32Readers(String value) {
        if (g.outputs().stream().anyMatch(o -> o.name().equals(value))) {
            return true;
        }
        boolean anyReader = false;
        for (Node n : g.nodes()) {
            for (int i = 0; i < n.inputs().size(); i++) {
                if (n.input(i).equals(value)) {
                    if (!needsFloat32(n, i)) {
                        return false;
                    }
                    anyReader = true;
                }
            }
        }
        return anyReader;
    }

    private void convertInitializers() {
        for (Tensor t : List.copyOf(g.initializers().values())) {
            if (t.type() != DataType.FLOAT) {
                continue;
            }
            if (onlyFloat32Readers(t.name())) {
                float32Values.add(t.name());
                continue;
            }
            g.putInitializer(toFloat16(t));
            initializersConverted++;
            for (int i = 0; i < g.inputs().size(); i++) {
                ValueInfo v = g.inputs().get(i);
                if (v.name().equals(t.name())) {
                    g.setInput(i, new ValueInfo(v.name(), DataType.FLOAT16, v.shape()));
                }
            }
        }
    }

    private void convertNode(Node n) {
        for (int i = 0; i < n.inputs().size(); i++) {
            String v = n.input(i);
            if (!v.isEmpty() && types.get(v) == DataType.FLOAT) {
                n.setInput(i, needsFloat32(n, i) ? float32Name(v, n) : float16Name(v, n));
            }
        }
        boolean keep = keptInFloat32(n)
                || (n.opType().equals("Constant") && onlyFloat32Readers(n.output(0)));
        if (keep) {
            if (n.outputs().stream().anyMatch(o -> types.get(o) == DataType.FLOAT)) {
                keptFloat.add(n.label() + " (" + n.opType() + "): " + reasonKept(n));
            }
        } else {
            retypeAttributes(n);
        }
        Set<Integer> float32Outputs = FLOAT32_OUTPUTS.getOrDefault(n.opType(), Set.of());
        for (int i = 0; i < n.outputs().size(); i++) {
            String o = n.output(i);
            if (types.get(o) == DataType.FLOAT && (keep || float32Outputs.contains(i))) {
                float32Values.add(o);
            }
        }
        FLOAT32_INPUTS.getOrDefault(n.opType(), Set.of()).stream().sorted()
                .filter(i -> !keep && n.hasInput(i) && types.get(n.input(i)) == DataType.FLOAT)
                .forEach(i -> keptFloat.add(n.label() + " (" + n.opType() + ") input " + i
                        + ": ONNX requires it in float32"));
    }

    private String reasonKept(Node n) {
        if (!n.isDefaultDomain()) {
            return "an op of the '" + n.domain() + "' domain, whose float16 support is unknown";
        }
        if (excludedOps.contains(n.opType())) {
            return "excluded";
        }
        if (FLOAT32_OPS.contains(n.opType())) {
            return "ONNX requires float32 for this op";
        }
        return "only float32 inputs read it";
    }

    /** Makes an op that creates float32 values create float16 ones. */
    private void retypeAttributes(Node n) {
        switch (n.opType()) {
            case "Cast" -> {
                if (n.intAttr("to", 0) == DataType.FLOAT.onnxCode()) {
                    n.setAttribute(Attribute.ofInt("to", DataType.FLOAT16.onnxCode()));
                }
            }
            case "Constant" -> retypeConstant(n);
            case "ConstantOfShape" -> {
                // without a value attribute ConstantOfShape makes float32 zeros
                Tensor value = n.attribute("value").map(Attribute::asTensor)
                        .orElse(Tensor.ofFloats("value", new long[] {1}, new float[] {0f}));
                if (value.type() == DataType.FLOAT) {
                    n.setAttribute(Attribute.ofTensor("value", toFloat16(value)));
                }
            }
            default -> {
                if (n.intAttr("dtype", 0) == DataType.FLOAT.onnxCode()) {
                    n.setAttribute(Attribute.ofInt("dtype", DataType.FLOAT16.onnxCode()));
                }
            }
        }
    }

    private void retypeConstant(Node n) {
        n.attribute("value").map(Attribute::asTensor).filter(t -> t.type() == DataType.FLOAT)
                .ifPresent(t -> n.setAttribute(Attribute.ofTensor("value", toFloat16(t))));
        n.attribute("value_float").ifPresent(a -> {
            n.removeAttribute("value_float");
            n.setAttribute(Attribute.ofTensor("value", toFloat16(
                    Tensor.ofFloats("value", new long[0], new float[] {a.asFloat()}))));
        });
        n.attribute("value_floats").ifPresent(a -> {
            float[] v = a.asFloats();
            n.removeAttribute("value_floats");
            n.setAttribute(Attribute.ofTensor("value", toFloat16(Tensor.ofFloats("value", new long[] {v.length}, v))));
        });
    }

    private String float16Name(String value, Node reader) {
        if (!float32Values.contains(value)) {
            return value;
        }
        return float16Copies.computeIfAbsent(value, v -> insertCast(v, DataType.FLOAT16, reader));
    }

    private String float32Name(String value, Node reader) {
        if (float32Values.contains(value)) {
            return value;
        }
        return float32Copies.computeIfAbsent(value, v -> insertCast(v, DataType.FLOAT, reader));
    }

    /** A Cast of {@code value} placed before its first reader; later readers share it. */
    private String insertCast(String value, DataType to, Node before) {
        String suffix = to == DataType.FLOAT16 ? "_fp16" : "_fp32";
        String out = g.uniqueName(value + suffix);
        Node cast = new Node(g.uniqueName(out + "_cast"), "Cast", List.of(value), List.of(out));
        cast.setAttribute(Attribute.ofInt("to", to.onnxCode()));
        g.insertBefore(before, cast);
        castsInserted++;
        return out;
    }

    /**
     * A float16 graph output is renamed inside the graph and a Cast under the output's own name turns it
     * back to float32, so callers read the model's outputs as before.
     */
    private void castOutputsBackToFloat32() {
        for (ValueInfo o : g.outputs()) {
            if (o.type() != DataType.FLOAT || float32Values.contains(o.name())) {
                continue;
            }
            Node producer = g.producer(o.name()).orElse(null);
            if (producer == null) {
                continue;
            }
            String half = g.uniqueName(o.name() + "_fp16");
            producer.setOutput(producer.outputs().indexOf(o.name()), half);
            for (Node n : g.nodes()) {
                n.replaceInput(o.name(), half);
            }
            Node cast = new Node(g.uniqueName(o.name() + "_to_fp32"), "Cast", List.of(half), List.of(o.name()));
            cast.setAttribute(Attribute.ofInt("to", DataType.FLOAT.onnxCode()));
            g.insertAfter(producer, cast);
            castsInserted++;
            float32Values.add(o.name());
        }
    }

    private void retypeValueInfos() {
        for (ValueInfo v : List.copyOf(g.valueInfos().values())) {
            if (v.type() == DataType.FLOAT && !float32Values.contains(v.name())) {
                g.putValueInfo(new ValueInfo(v.name(), DataType.FLOAT16, v.shape()));
            }
        }
    }

    /**
     * The tensor in float16. Finite values beyond float16's range are clamped to ±65504 rather than
     * becoming infinite; infinities and NaN stay what they are (attention masks use -inf on purpose).
     */
    private Tensor toFloat16(Tensor t) {
        float[] v = t.toFloats();
        for (int i = 0; i < v.length; i++) {
            if (Float.isFinite(v[i]) && Math.abs(v[i]) > FLOAT16_MAX) {
                v[i] = Math.copySign(FLOAT16_MAX, v[i]);
                valuesClamped++;
            }
        }
        return Tensor.ofFloat16(t.name(), t.dims(), v);
    }
}

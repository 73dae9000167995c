package org.compresslab.compress.quantize;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionException;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Rewrites a graph into ONNX's QDQ form following a {@link QuantizationPlan}: a QuantizeLinear →
 * DequantizeLinear pair on each planned activation (every reader then reads the dequantized value, so
 * the float graph computes exactly what the integer kernels will); weights stored as int8 with
 * per-channel symmetric scales behind a DequantizeLinear; biases stored as int32 with scale
 * input-scale × weight-scale, as the integer kernels accumulate them.
 */
public final class QdqInserter {
    /** QuantizeLinear with per-axis parameters needs opset 13. */
    static final long MIN_OPSET = 13;

    private final Graph g;
    private final ActivationType type;
    private final boolean perChannel;
    private final Map<String, QuantParams> params = new HashMap<>();

    private QdqInserter(Graph g, ActivationType type, boolean perChannel) {
        this.g = g;
        this.type = type;
        this.perChannel = perChannel;
    }

    /**
     * Applies the plan to {@code g} in place (the graph the plan was made on).
     *
     * @param ranges a calibrated range for every tensor in {@link QuantizationPlan#calibratedTensors()}
     * @return how many quantize/dequantize pairs were inserted
     */
    public static int apply(Graph g, QuantizationPlan plan, Map<String, TensorRange> ranges, ActivationType type,
                            boolean perChannel) {
        if (g.opsetVersion() < MIN_OPSET) {
            throw new CompressionException("static int8 quantization needs ONNX opset 13 or newer (per-channel "
                    + "QuantizeLinear); this model uses opset " + g.opsetVersion() + ": re-export it with opset 13+");
        }
        QdqInserter q = new QdqInserter(g, type, perChannel);
        for (String t : plan.calibratedTensors()) {
            TensorRange r = ranges.get(t);
            if (r == null) {
                throw new IllegalArgumentException("no calibrated range for " + t);
            }
            q.params.put(t, type.params(r));
        }
        plan.sharedRanges().forEach((t, source) -> q.params.put(t, q.params.get(source)));
        // weights first: their biases need the input's scale, looked up under the input's original name
        for (Node n : plan.weightedLayers()) {
            q.quantizeWeights(n);
        }
        int pairs = 0;
        for (String t : plan.calibratedTensors()) {
            q.insertPair(t, q.params.get(t));
            pairs++;
        }
        for (String t : plan.sharedRanges().keySet()) {
            q.insertPair(t, q.params.get(t));
            pairs++;
        }
        g.removeUnusedInitializers();
        return pairs;
    }

    private void insertPair(String t, QuantParams p) {
        String scale = g.uniqueName(t + "_scale");
        String zp = g.uniqueName(t + "_zero_point");
        g.putInitializer(Tensor.ofFloats(scale, new long[0], new float[] {p.scale()}));
        g.putInitializer(Tensor.ofBytes(zp, type.dataType(), new long[0], new byte[] {(byte) p.zeroPoint()}));
        String quantized = g.uniqueName(t + "_quantized");
        String dequantized = g.uniqueName(t + "_dequantized");
        Node qn = new Node(g.uniqueName(t + "_QuantizeLinear"), "QuantizeLinear", List.of(t, scale, zp),
                List.of(quantized));
        Node dqn = new Node(g.uniqueName(t + "_DequantizeLinear"), "DequantizeLinear", List.of(quantized, scale, zp),
                List.of(dequantized));
        g.rewireConsumers(t, dequantized, qn);
        var producer = g.producer(t);
        if (producer.isPresent()) {
            g.insertAfter(producer.get(), qn);
        } else {
            g.insertBefore(g.nodes().get(0), qn);
        }
        g.insertAfter(qn, dqn);
    }

    private void quantizeWeights(Node n) {
        int axis = QuantizationPlan.channelAxis(n);
        Tensor w = g.initializer(n.input(1)).orElseThrow();
        QuantizedWeight qw = usesPerChannelWeights(n, perChannel)
                ? SymmetricWeightQuantizer.symmetricInt8(w.toFloats(), w.dims(), axis)
                : SymmetricWeightQuantizer.symmetricInt8PerTensor(w.toFloats(), w.dims());
        boolean vector = qw.scales().length > 1;
        String base = n.input(1);
        String values = g.uniqueName(base + "_quantized");
        String scale = g.uniqueName(base + "_scale");
        String zp = g.uniqueName(base + "_zero_point");
        long[] sdims = vector ? new long[] {qw.scales().length} : new long[0];
        g.putInitializer(Tensor.ofBytes(values, DataType.INT8, w.dims(), qw.values()));
        g.putInitializer(Tensor.ofFloats(scale, sdims, qw.scales()));
        // an explicit zero point although 0 is the default: ORT fuses Gemm into QGemm only with one
        g.putInitializer(Tensor.ofBytes(zp, DataType.INT8, sdims, new byte[qw.scales().length]));
        String dequantized = g.uniqueName(base + "_dequantized");
        Node dq = new Node(g.uniqueName(base + "_DequantizeLinear"), "DequantizeLinear", List.of(values, scale, zp),
                List.of(dequantized));
        if (vector) {
            dq.setAttribute(Attribute.ofInt("axis", axis));
        }
        g.insertBefore(n, dq);
        n.setInput(1, dequantized);
        if ((n.opType().equals("Conv") || n.opType().equals("Gemm")) && n.hasInput(2)) {
            quantizeBias(n, qw.scales());
        }
    }

    /**
     * Whether a layer's weights get one scale per output channel: MatMul keeps one per tensor, the form
     * ONNX Runtime fuses into QLinearMatMul.
     */
    static boolean usesPerChannelWeights(Node n, boolean perChannel) {
        return perChannel && !n.opType().equals("MatMul");
    }

    private void quantizeBias(Node n, float[] weightScales) {
        Tensor b = g.initializer(n.input(2)).filter(t -> t.type() == DataType.FLOAT && t.rank() == 1).orElse(null);
        QuantParams in = params.get(n.input(0));
        if (b == null || in == null || (n.opType().equals("Gemm") && n.floatAttr("beta", 1f) != 1f)) {
            return; // a bias the integer kernels do not take stays float
        }
        float[] bf = b.toFloats();
        float[] scales = new float[bf.length];
        int[] q = new int[bf.length];
        for (int c = 0; c < bf.length; c++) {
            scales[c] = in.scale() * weightScales[weightScales.length == 1 ? 0 : c];
            double v = scales[c] == 0 ? 0 : Math.rint(bf[c] / scales[c]);
            q[c] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        String base = n.input(2);
        String values = g.uniqueName(base + "_quantized");
        String scale = g.uniqueName(base + "_scale");
        g.putInitializer(Tensor.ofInts(values, new long[] {bf.length}, q));
        g.putInitializer(Tensor.ofFloats(scale, new long[] {bf.length}, scales));
        String dequantized = g.uniqueName(base + "_dequantized");
        Node dq = new Node(g.uniqueName(base + "_DequantizeLinear"), "DequantizeLinear", List.of(values, scale),
                List.of(dequantized));
        dq.setAttribute(Attribute.ofInt("axis", 0));
        g.insertBefore(n, dq);
        n.setInput(2, dequantized);
    }
}

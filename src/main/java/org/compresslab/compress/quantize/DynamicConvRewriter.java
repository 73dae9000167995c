package org.compresslab.compress.quantize;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compresslab.compress.quantize.DynamicInt8Report.Layer;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Replaces a Conv with constant float weights by a dynamically quantized ConvInteger chain
 * ({@link DynamicQuantizedChain}). Weights are quantized symmetric per output channel and stored as uint8
 * with zero point 128, because ONNX Runtime's CPU ConvInteger only accepts uint8 weights; the per-channel
 * scales are applied after the integer convolution, where they broadcast as [1, M, 1, 1].
 */
final class DynamicConvRewriter {
    private DynamicConvRewriter() {
    }

    /** Why this Conv cannot be quantized, in plain words; empty when it can. */
    static Optional<String> obstacle(Graph g, Node n, Map<String, DataType> types) {
        Optional<Tensor> w = g.initializer(n.input(1));
        if (w.isEmpty()) {
            return Optional.of("its weight is not a constant");
        }
        if (w.get().type() != DataType.FLOAT || w.get().rank() < 3) {
            return Optional.of("its weight is not a float32 convolution kernel");
        }
        if (g.isInitializer(n.input(0))) {
            return Optional.of("its input is a constant");
        }
        DataType x = types.get(n.input(0));
        if (x != null && x != DataType.FLOAT) {
            return Optional.of("its input is " + x + ", and dynamic quantization reads float32 only");
        }
        if (n.hasInput(2) && g.initializer(n.input(2)).filter(b -> b.type() == DataType.FLOAT).isEmpty()) {
            return Optional.of("its bias is not a float32 constant");
        }
        return Optional.empty();
    }

    static Layer rewrite(Graph g, Node n) {
        Tensor w = g.initializer(n.input(1)).orElseThrow();
        QuantizedWeight q = SymmetricWeightQuantizer.symmetricInt8(w.toFloats(), w.dims(), 0);
        long[] perChannel = new long[w.rank()];
        Arrays.fill(perChannel, 1);
        perChannel[1] = w.dim(0);
        String base = n.name().isEmpty() ? n.output(0) : n.name();
        String weight = put(g, q.uint8TensorOffset128(g.uniqueName(w.name() + "_uint8")));
        String zeroPoint = put(g, Tensor.ofBytes(g.uniqueName(w.name() + "_zero_point"), DataType.UINT8,
                new long[0], new byte[] {(byte) 128}));
        String scale = put(g, q.scaleTensor(g.uniqueName(w.name() + "_scale"), perChannel, 1f));
        String bias = null;
        if (n.hasInput(2)) {
            Tensor b = g.initializer(n.input(2)).orElseThrow();
            bias = put(g, Tensor.ofFloats(g.uniqueName(b.name() + "_per_channel"), perChannel, b.toFloats()));
        }
        // ConvInteger takes exactly Conv's attributes (pads, strides, dilations, group, kernel_shape, auto_pad)
        List<Node> chain = DynamicQuantizedChain.build(g, base, "ConvInteger", n.attributes().values(), n.input(0),
                weight, zeroPoint, scale, bias, n.output(0));
        g.replaceNode(n, chain);
        return new Layer(n.label(), n.opType(), w.elementCount(), "per-channel");
    }

    private static String put(Graph g, Tensor t) {
        g.putInitializer(t);
        return t.name();
    }
}

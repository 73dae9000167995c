package org.compresslab.compress.quantize;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compresslab.compress.quantize.DynamicInt8Report.Layer;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Replaces a MatMul or Gemm whose second input is a constant float matrix with the dynamically quantized
 * chain of {@link DynamicQuantizedChain}: weights int8 symmetric, activations uint8 quantized at run time.
 */
final class DynamicMatMulRewriter {
    private final boolean perColumn;

    /** @param perColumn one weight scale per output column instead of one for the whole matrix */
    DynamicMatMulRewriter(boolean perColumn) {
        this.perColumn = perColumn;
    }

    /** Why this MatMul or Gemm cannot be quantized, in plain words; empty when it can. */
    static Optional<String> obstacle(Graph g, Node n, Map<String, DataType> types) {
        if (n.opType().equals("Gemm") && n.intAttr("transA", 0) != 0) {
            return Optional.of("its first input is transposed (transA=1)");
        }
        Optional<Tensor> w = g.initializer(n.input(1));
        if (w.isEmpty()) {
            return Optional.of("both inputs are computed values (no constant weight), e.g. attention scores");
        }
        if (w.get().type() != DataType.FLOAT) {
            return Optional.of("its weight is " + w.get().type() + ", not float32");
        }
        if (w.get().rank() != 2) {
            return Optional.of("its weight is not a 2-D matrix");
        }
        if (g.isInitializer(n.input(0))) {
            return Optional.of("its first input is a constant too");
        }
        DataType x = types.get(n.input(0));
        if (x != null && x != DataType.FLOAT) {
            return Optional.of("its input is " + x + ", and dynamic quantization reads float32 only");
        }
        return Optional.empty();
    }

    Layer rewrite(Graph g, Node n) {
        boolean gemm = n.opType().equals("Gemm");
        Tensor w = g.initializer(n.input(1)).orElseThrow();
        float[] values = w.toFloats();
        long k = w.dim(0);
        long cols = w.dim(1);
        if (gemm && n.intAttr("transB", 0) != 0) {
            // MatMulInteger has no transpose attribute: store the weight as [K, N]
            values = transpose(values, (int) w.dim(0), (int) w.dim(1));
            k = w.dim(1);
            cols = w.dim(0);
        }
        long[] dims = {k, cols};
        QuantizedWeight q = perColumn ? SymmetricWeightQuantizer.symmetricInt8(values, dims, 1)
                : SymmetricWeightQuantizer.symmetricInt8PerTensor(values, dims);
        String base = n.name().isEmpty() ? n.output(0) : n.name();
        String weight = put(g, q.int8Tensor(g.uniqueName(w.name() + "_int8")));
        String zeroPoint = put(g, Tensor.ofBytes(g.uniqueName(w.name() + "_zero_point"), DataType.INT8,
                new long[0], new byte[] {0}));
        // Gemm's alpha scales the product: folding it into the weight scale costs nothing at run time
        float alpha = gemm ? n.floatAttr("alpha", 1f) : 1f;
        String scale = put(g, q.scaleTensor(g.uniqueName(w.name() + "_scale"),
                perColumn ? new long[] {cols} : new long[0], alpha));
        String bias = gemm && n.hasInput(2) ? gemmBias(g, n, base) : null;
        List<Node> chain = DynamicQuantizedChain.build(g, base, "MatMulInteger", List.of(), n.input(0), weight,
                zeroPoint, scale, bias, n.output(0));
        g.replaceNode(n, chain);
        return new Layer(n.label(), n.opType(), values.length, perColumn ? "per-column" : "per-tensor");
    }

    /** beta·C, as a constant when C is one (ONNX Runtime folds a constant bias into its fused kernel). */
    private static String gemmBias(Graph g, Node n, String base) {
        String c = n.input(2);
        float beta = n.floatAttr("beta", 1f);
        if (beta == 1f) {
            return c;
        }
        Optional<Tensor> constant = g.initializer(c);
        if (constant.isPresent()) {
            float[] v = constant.get().toFloats();
            for (int i = 0; i < v.length; i++) {
                v[i] *= beta;
            }
            return put(g, Tensor.ofFloats(g.uniqueName(c + "_times_beta"), constant.get().dims(), v));
        }
        String betaValue = put(g, Tensor.ofFloats(g.uniqueName(base + "_beta"), new long[0], new float[] {beta}));
        String scaled = g.uniqueName(c + "_times_beta");
        g.insertBefore(n, new Node(g.uniqueName(base + "_scale_bias"), "Mul", List.of(c, betaValue), List.of(scaled)));
        return scaled;
    }

    private static String put(Graph g, Tensor t) {
        g.putInitializer(t);
        return t.name();
    }

    private static float[] transpose(float[] w, int rows, int cols) {
        float[] t = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = w[r * cols + c];
            }
        }
        return t;
    }
}

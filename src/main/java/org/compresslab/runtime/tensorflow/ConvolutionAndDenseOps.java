package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.NodeAttributes.flag;
import static org.compresslab.runtime.tensorflow.NodeAttributes.requireNhwc;
import static org.compresslab.runtime.tensorflow.NodeAttributes.requireRank;
import static org.compresslab.runtime.tensorflow.NodeAttributes.spatial;
import static org.compresslab.runtime.tensorflow.TensorNames.nodeName;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.tensorflow.proto.NodeDef;

/**
 * The layers with weights: Conv2D and DepthwiseConv2dNative become ONNX Conv (HWIO and depthwise filters
 * moved to OIHW), MatMul by a weight becomes Gemm with an [out, in] weight, and the BiasAdd after either
 * becomes the layer's bias.
 */
final class ConvolutionAndDenseOps implements OpTranslator {
    static final Set<String> OPS = Set.of("Conv2D", "DepthwiseConv2dNative", "BiasAdd", "MatMul");

    private final ConvertedGraph g;

    ConvolutionAndDenseOps(ConvertedGraph g) {
        this.g = g;
    }

    @Override
    public Set<String> ops() {
        return OPS;
    }

    @Override
    public void convert(NodeDef n) {
        switch (n.getOp()) {
            case "Conv2D" -> conv(n, false);
            case "DepthwiseConv2dNative" -> conv(n, true);
            case "BiasAdd" -> biasAdd(n);
            case "MatMul" -> matMul(n);
            default -> throw new IllegalArgumentException(n.getOp());
        }
    }

    private void conv(NodeDef n, boolean depthwise) {
        requireNhwc(n);
        ConvertedValue x = g.in(n, 0);
        requireRank(n, x, 4);
        ConstantTensor filter = g.constant(n, 1, "filter");
        long[] f = filter.dims();
        long[] strides = spatial(n, "strides", 1);
        long[] dilations = spatial(n, "dilations", 1);
        long[] inShape = g.tf().staticShape(SignatureSubgraph.dataInputs(n).get(0));
        long[] pads = NodeAttributes.pads(n, inShape, new long[] {f[0], f[1]}, strides, dilations);
        Node zeroPad = foldableZeroPad(n, x);
        if (zeroPad != null) {
            long[] p = g.graph().initializer(zeroPad.input(1)).orElseThrow().toLongs(); // [n, c, h, w] begins, then ends
            pads = new long[] {pads[0] + p[2], pads[1] + p[3], pads[2] + p[6], pads[3] + p[7]};
            x = new ConvertedValue(zeroPad.input(0), 4);
            g.graph().removeNode(zeroPad);
            zeroPad.inputs().stream().skip(1).filter(i -> !i.isEmpty() && g.graph().consumers(i).isEmpty())
                    .forEach(g.graph()::removeInitializer);
        }
        long inChannels = inShape[3];
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
        String w = g.initializer(g.weightName(n, 1), dims, weight);
        String y = g.emit("Conv", n.getName(), List.of(x.name(), w), Attribute.ofInts("dilations", dilations),
                Attribute.ofInt("group", group), Attribute.ofInts("kernel_shape", f[0], f[1]), Attribute.ofInts("pads", pads),
                Attribute.ofInts("strides", strides));
        g.define(n, new ConvertedValue(y, 4));
    }

    /**
     * The ONNX Pad converted from a zero padding of H and W that only this convolution reads (Keras writes
     * ZeroPadding2D + a VALID convolution where PyTorch pads inside the convolution): folded into the Conv's
     * pads, as ONNX Runtime would do for float but not once the model is quantized to int8.
     */
    private Node foldableZeroPad(NodeDef conv, ConvertedValue x) {
        String tensor = SignatureSubgraph.dataInputs(conv).get(0);
        NodeDef tfPad = g.tf().node(nodeName(tensor));
        Node pad = g.graph().producer(x.name()).orElse(null);
        if (!Set.of("Pad", "PadV2").contains(tfPad.getOp()) || g.tf().readers(tensor) != 1 || pad == null
                || !pad.opType().equals("Pad") || !g.graph().consumers(x.name()).isEmpty()
                || !pad.stringAttr("mode", "constant").equals("constant")) {
            return null;
        }
        long[] p = g.graph().initializer(pad.input(1)).map(Tensor::toLongs).orElse(null);
        boolean zeroValue = !pad.hasInput(2) || pad.input(2).isEmpty() || g.graph().initializer(pad.input(2))
                .map(v -> v.toFloats().length == 1 && v.toFloats()[0] == 0f).orElse(false);
        if (p == null || p.length != 8 || !zeroValue || p[0] != 0 || p[1] != 0 || p[4] != 0 || p[5] != 0
                || Arrays.stream(p).anyMatch(v -> v < 0)) {
            return null;
        }
        return pad;
    }

    /** A BiasAdd right after a Conv or a dense layer becomes that layer's bias; otherwise a broadcast Add. */
    private void biasAdd(NodeDef n) {
        requireNhwc(n);
        ConvertedValue x = g.in(n, 0);
        ConstantTensor bias = g.constant(n, 1, "bias");
        String producerTensor = SignatureSubgraph.dataInputs(n).get(0);
        Node producer = g.graph().producer(x.name()).orElse(null);
        // only straight after the layer, whose output nothing else reads (not through an Identity others may read)
        boolean foldable = producer != null && Set.of("Conv", "Gemm").contains(producer.opType())
                && Set.of("Conv2D", "DepthwiseConv2dNative", "MatMul").contains(g.tf().node(nodeName(producerTensor)).getOp())
                && producer.inputs().size() == 2 && g.tf().readers(producerTensor) == 1 && x.flattenedHwc() == null;
        if (foldable) {
            producer.setInput(2, g.initializer(g.weightName(n, 1), new long[] {bias.size()}, bias.asFloats()));
            g.define(n, x);
            return;
        }
        long[] dims = x.rank() == 4 ? new long[] {bias.size(), 1, 1} : new long[] {bias.size()};
        String b = g.initializer(g.weightName(n, 1), dims, bias.asFloats());
        g.define(n, new ConvertedValue(g.emit("Add", n.getName(), List.of(g.plain(x).name(), b)), x.rank()));
    }

    private void matMul(NodeDef n) {
        boolean transA = flag(n, "transpose_a");
        boolean transB = flag(n, "transpose_b");
        ConvertedValue a = g.in(n, 0);
        if (!g.isConstantInput(n, 1)) {
            if (transA || transB) {
                throw new SavedModelException("the MatMul '" + n.getName() + "' multiplies two computed tensors with a"
                        + " transpose, which the importer does not convert");
            }
            g.define(n, new ConvertedValue(g.emit("MatMul", n.getName(), List.of(g.plain(a).name(),
                    g.plain(g.in(n, 1)).name())), a.rank()));
            return;
        }
        requireRank(n, a, 2);
        ConstantTensor b = g.constant(n, 1, "weight");
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
            a = g.plain(a);
        }
        // stored [out, in] with transB=1, as PyTorch's Linear exports and the techniques expect
        float[] weight = transB ? w : NhwcToNchw.transpose(w, rows, cols);
        long[] dims = transB ? new long[] {rows, cols} : new long[] {cols, rows};
        String wName = g.initializer(g.weightName(n, 1), dims, weight);
        String y = g.emit("Gemm", n.getName(), List.of(a.name(), wName), Attribute.ofInt("transA", transA ? 1 : 0),
                Attribute.ofInt("transB", 1));
        g.define(n, new ConvertedValue(y, 2));
    }
}

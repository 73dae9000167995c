package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.NodeAttributes.flag;
import static org.compresslab.runtime.tensorflow.NodeAttributes.ints;
import static org.compresslab.runtime.tensorflow.NodeAttributes.normalized;
import static org.compresslab.runtime.tensorflow.NodeAttributes.requireNhwc;
import static org.compresslab.runtime.tensorflow.NodeAttributes.requireRank;
import static org.compresslab.runtime.tensorflow.NodeAttributes.sortedCopy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.tensorflow.proto.NodeDef;

/**
 * Windowed pooling (MaxPool, MaxPoolV2, AvgPool) and Mean, which over H and W is global average pooling
 * and otherwise a ReduceMean over the mapped axes.
 */
final class PoolingOps implements OpTranslator {
    static final Set<String> OPS = Set.of("MaxPool", "MaxPoolV2", "AvgPool", "Mean");

    private final ConvertedGraph g;

    PoolingOps(ConvertedGraph g) {
        this.g = g;
    }

    @Override
    public Set<String> ops() {
        return OPS;
    }

    @Override
    public void convert(NodeDef n) {
        switch (n.getOp()) {
            case "MaxPool", "MaxPoolV2" -> pool(n, "MaxPool");
            case "AvgPool" -> pool(n, "AveragePool");
            case "Mean" -> mean(n);
            default -> throw new IllegalArgumentException(n.getOp());
        }
    }

    private void pool(NodeDef n, String op) {
        requireNhwc(n);
        ConvertedValue x = g.in(n, 0);
        requireRank(n, x, 4);
        long[] ksize;
        long[] strides;
        if (n.getOp().equals("MaxPoolV2")) {
            ksize = g.constant(n, 1, "ksize").asLongs();
            strides = g.constant(n, 2, "strides").asLongs();
        } else {
            ksize = ints(n, "ksize");
            strides = ints(n, "strides");
        }
        if (ksize[0] != 1 || ksize[3] != 1 || strides[0] != 1 || strides[3] != 1) {
            throw new SavedModelException("the pooling '" + n.getName() + "' pools across the batch or channels,"
                    + " which ONNX pooling cannot express");
        }
        long[] kernel = {ksize[1], ksize[2]};
        long[] stride = {strides[1], strides[2]};
        long[] pads = NodeAttributes.pads(n, g.tf().staticShape(SignatureSubgraph.dataInputs(n).get(0)), kernel, stride,
                new long[] {1, 1});
        // TensorFlow's average pooling leaves padding out of the count, as ONNX's count_include_pad=0 does
        String y = g.emit(op, n.getName(), List.of(x.name()), Attribute.ofInts("kernel_shape", kernel),
                Attribute.ofInts("pads", pads), Attribute.ofInts("strides", stride));
        g.define(n, new ConvertedValue(y, 4));
    }

    private void mean(NodeDef n) {
        ConvertedValue x = g.in(n, 0);
        long[] axes = normalized(g.constant(n, 1, "axes").asLongs(), x.rank());
        boolean keepDims = flag(n, "keep_dims");
        if (x.rank() == 4 && Arrays.equals(sortedCopy(axes), new long[] {1, 2})) {
            String pooled = g.emit("GlobalAveragePool", n.getName(), List.of(x.name()));
            if (keepDims) {
                g.define(n, new ConvertedValue(pooled, 4));
            } else {
                String flat = g.emit("Flatten", n.getName() + "/flatten", List.of(pooled), Attribute.ofInt("axis", 1));
                g.define(n, new ConvertedValue(flat, 2));
            }
            return;
        }
        x = g.plain(x);
        long[] onnxAxes = x.rank() == 4 ? Arrays.stream(axes).map(NhwcToNchw::axis).toArray() : axes;
        String y = g.emit("ReduceMean", n.getName(), List.of(x.name()), Attribute.ofInts("axes", onnxAxes),
                Attribute.ofInt("keepdims", keepDims ? 1 : 0));
        int rank = keepDims ? x.rank() : x.rank() - axes.length;
        g.define(n, x.rank() == 4 && !keepDims ? g.backToTensorFlowOrder(n, y, axes) : new ConvertedValue(y, rank));
    }
}

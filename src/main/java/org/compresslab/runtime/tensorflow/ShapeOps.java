package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.NodeAttributes.attr;
import static org.compresslab.runtime.tensorflow.NodeAttributes.ints;
import static org.compresslab.runtime.tensorflow.NodeAttributes.normalized;
import static org.compresslab.runtime.tensorflow.NodeAttributes.sortedCopy;
import static org.compresslab.runtime.tensorflow.TensorNames.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.compresslab.graph.Attribute;
import org.tensorflow.proto.NodeDef;

/**
 * Ops that move data without arithmetic: Identity and its kin, Reshape (a flattened feature map is kept in
 * NCHW order for dense readers; other reshapes go through NHWC), Squeeze, Pad and ConcatV2.
 */
final class ShapeOps implements OpTranslator {
    static final Set<String> OPS = Set.of("Identity", "StopGradient", "Snapshot", "Reshape", "Squeeze", "Pad", "PadV2", "ConcatV2");

    private final ConvertedGraph g;

    ShapeOps(ConvertedGraph g) {
        this.g = g;
    }

    @Override
    public Set<String> ops() {
        return OPS;
    }

    @Override
    public void convert(NodeDef n) {
        switch (n.getOp()) {
            case "Identity", "StopGradient", "Snapshot" -> g.define(n, g.in(n, 0));
            case "Reshape" -> reshape(n);
            case "Squeeze" -> squeeze(n);
            case "Pad", "PadV2" -> pad(n);
            case "ConcatV2" -> concat(n);
            default -> throw new IllegalArgumentException(n.getOp());
        }
    }

    private void reshape(NodeDef n) {
        ConvertedValue x = g.in(n, 0);
        List<String> ins = SignatureSubgraph.dataInputs(n);
        long[] inShape = g.tf().staticShape(ins.get(0));
        long[] outShape = g.tf().staticShape(output(n, 0));
        long[] target = g.isConstantInput(n, 1) ? g.constant(n, 1, "shape").asLongs() : g.tf().staticReshapeTarget(n);
        if (x.rank() == 4 && inShape != null && outShape != null && outShape.length == 2 && inShape[1] > 0
                && inShape[2] > 0 && inShape[3] > 0 && outShape[1] == inShape[1] * inShape[2] * inShape[3]) {
            // flattening a feature map: keep NCHW order and let dense readers permute their weights
            String flat = g.emit("Flatten", n.getName(), List.of(x.name()), Attribute.ofInt("axis", 1));
            boolean sameOrder = inShape[1] * inShape[2] == 1;
            g.define(n, new ConvertedValue(flat, 2, sameOrder ? null : new long[] {inShape[1], inShape[2], inShape[3]}));
            return;
        }
        String source = x.rank() == 4 ? g.emit("Transpose", n.getName() + "/to_nhwc", List.of(x.name()),
                Attribute.ofInts("perm", NhwcToNchw.TO_NHWC)) : g.plain(x).name();
        String y = g.emit("Reshape", n.getName(), List.of(source, g.longs(n.getName() + "/shape", target)));
        if (target.length == 4) {
            y = g.emit("Transpose", n.getName() + "/to_nchw", List.of(y), Attribute.ofInts("perm", NhwcToNchw.TO_NCHW));
        }
        g.define(n, new ConvertedValue(y, target.length));
    }

    private void squeeze(NodeDef n) {
        ConvertedValue x = g.in(n, 0);
        long[] axes = attr(n, "squeeze_dims") == null ? new long[0] : ints(n, "squeeze_dims");
        if (axes.length == 0) {
            long[] s = g.tf().staticShape(SignatureSubgraph.dataInputs(n).get(0));
            axes = IntStream.range(0, s.length).filter(i -> s[i] == 1).asLongStream().toArray();
        }
        axes = normalized(axes, x.rank());
        if (x.rank() == 4 && Arrays.equals(sortedCopy(axes), new long[] {1, 2})) {
            g.define(n, new ConvertedValue(g.emit("Flatten", n.getName(), List.of(x.name()), Attribute.ofInt("axis", 1)), 2));
            return;
        }
        x = g.plain(x);
        long[] onnxAxes = x.rank() == 4 ? Arrays.stream(axes).map(NhwcToNchw::axis).toArray() : axes;
        String y = g.emit("Squeeze", n.getName(), List.of(x.name(), g.longs(n.getName() + "/axes", onnxAxes)));
        g.define(n, x.rank() == 4 ? g.backToTensorFlowOrder(n, y, axes) : new ConvertedValue(y, x.rank() - axes.length));
    }

    private void pad(NodeDef n) {
        ConvertedValue x = g.plain(g.in(n, 0));
        long[] p = g.constant(n, 1, "paddings").asLongs();
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
        List<String> inputs = new ArrayList<>(List.of(x.name(), g.longs(n.getName() + "/pads", pads)));
        if (n.getOp().equals("PadV2")) {
            ConstantTensor value = g.constant(n, 2, "constant value");
            inputs.add(g.initializer(g.weightName(n, 2), new long[0], new float[] {value.asFloats()[0]}));
        }
        g.define(n, new ConvertedValue(g.emit("Pad", n.getName(), inputs, Attribute.ofString("mode", "constant")), r));
    }

    private void concat(NodeDef n) {
        int count = SignatureSubgraph.dataInputs(n).size() - 1;
        long axis = g.constant(n, count, "axis").asLongs()[0];
        int rank = g.tf().rankOf(output(n, 0));
        List<String> names = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (g.isConstantInput(n, i)) {
                ConstantTensor c = g.constant(n, i, "input");
                names.add(rank == 4 ? g.initializer(g.weightName(n, i), NhwcToNchw.dims(c.dims()),
                        NhwcToNchw.data(c.asFloats(), c.dims())) : g.initializer(g.weightName(n, i), c.dims(), c.asFloats()));
            } else {
                names.add(g.plain(g.in(n, i)).name());
            }
        }
        long onnxAxis = rank == 4 ? NhwcToNchw.axis(axis) : axis;
        g.define(n, new ConvertedValue(g.emit("Concat", n.getName(), names, Attribute.ofInt("axis", onnxAxis)), rank));
    }
}

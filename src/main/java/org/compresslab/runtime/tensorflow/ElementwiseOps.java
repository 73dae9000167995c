package org.compresslab.runtime.tensorflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.tensorflow.proto.NodeDef;

/**
 * Add, Sub, Mul and Div with TensorFlow's broadcasting kept under the NCHW layout: constants are laid out to
 * broadcast as they did against NHWC, lower-rank activations are lifted to rank 4 and moved to NCHW.
 */
final class ElementwiseOps implements OpTranslator {
    static final Set<String> OPS = Set.of("Add", "AddV2", "Sub", "Mul", "RealDiv", "Div");

    private final ConvertedGraph g;

    ElementwiseOps(ConvertedGraph g) {
        this.g = g;
    }

    @Override
    public Set<String> ops() {
        return OPS;
    }

    @Override
    public void convert(NodeDef n) {
        switch (n.getOp()) {
            case "Add", "AddV2" -> binary(n, "Add");
            case "Sub" -> binary(n, "Sub");
            case "Mul" -> binary(n, "Mul");
            case "RealDiv", "Div" -> binary(n, "Div");
            default -> throw new IllegalArgumentException(n.getOp());
        }
    }

    private void binary(NodeDef n, String op) {
        boolean c0 = g.isConstantInput(n, 0);
        boolean c1 = g.isConstantInput(n, 1);
        List<String> names = new ArrayList<>();
        int rank;
        if (c0 || c1) {
            ConvertedValue x = g.plain(g.in(n, c0 ? 1 : 0));
            String c = broadcastConstant(n, c0 ? 0 : 1, x.rank());
            names.add(c0 ? c : x.name());
            names.add(c0 ? x.name() : c);
            rank = Math.max(x.rank(), g.constant(n, c0 ? 0 : 1, "operand").rank());
        } else {
            ConvertedValue a = g.plain(g.in(n, 0));
            ConvertedValue b = g.plain(g.in(n, 1));
            rank = Math.max(a.rank(), b.rank());
            names.add(rank == 4 && a.rank() < 4 ? toRank4(n, a) : a.name());
            names.add(rank == 4 && b.rank() < 4 ? toRank4(n, b) : b.name());
        }
        g.define(n, new ConvertedValue(g.emit(op, n.getName(), names), rank));
    }

    /**
     * A constant operand of an elementwise op, laid out to broadcast against an NCHW activation as it did
     * against NHWC: e.g. a per-channel [C] becomes [C, 1, 1].
     */
    private String broadcastConstant(NodeDef n, int input, int otherRank) {
        ConstantTensor c = g.constant(n, input, "operand");
        if (otherRank != 4 || c.rank() == 0 || c.size() == 1 && c.rank() <= 1) {
            return g.initializer(g.weightName(n, input), c.dims(), c.asFloats());
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
        return g.initializer(g.weightName(n, input), dims, data);
    }

    /** A lower-rank activation broadcast against a 4-D one: padded with leading 1s (as TensorFlow does), then NCHW. */
    private String toRank4(NodeDef n, ConvertedValue v) {
        long[] leading = new long[4 - v.rank()];
        for (int i = 0; i < leading.length; i++) {
            leading[i] = i;
        }
        String u = g.emit("Unsqueeze", n.getName() + "/rank4", List.of(v.name(),
                g.longs(n.getName() + "/rank4_axes", leading)));
        return g.emit("Transpose", n.getName() + "/rank4_nchw", List.of(u), Attribute.ofInts("perm", NhwcToNchw.TO_NCHW));
    }
}

package org.compresslab.graph;

/** Multiply-accumulates of one node for the shapes inference found (see {@link ModelStatistics}). */
public final class MacCounter {
    private MacCounter() {
    }

    /** MACs of the node, 0 for ops that are not counted, -1 when a counted op's shapes are unknown. */
    public static long macs(Node n, ShapeInferenceResult shapes) {
        if (!n.isDefaultDomain() || !OpSet.MAC_OPS.contains(n.opType())) {
            return 0;
        }
        long[] out = shapes.dims(n.output(0));
        long[] a = shapes.dims(n.input(0));
        long[] b = shapes.dims(n.input(1));
        if (out == null || a == null || b == null) {
            return -1;
        }
        return switch (n.opType()) {
            case "Conv", "ConvInteger" -> {
                // out elements × (in_channels/groups × kernel area), i.e. weight's dims 1.. per output element
                long perOutput = OpShapeRules.product(b, 1, b.length);
                yield OpShapeRules.product(out, 0, out.length) * perOutput;
            }
            case "Gemm" -> {
                long k = n.intAttr("transA", 0) != 0 ? a[0] : a[1];
                yield OpShapeRules.product(out, 0, out.length) * k;
            }
            case "MatMul", "MatMulInteger" -> OpShapeRules.product(out, 0, out.length) * a[a.length - 1];
            default -> 0;
        };
    }
}

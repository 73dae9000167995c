package org.compresslab.compress.lowrank;

import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * A Gemm, a MatMul with a constant weight, or a 1×1 convolution, factorized by truncated SVD: the stored
 * weight {@code W = U·S·Vᵀ} becomes the rank-r factors {@code U_r·√S_r} and {@code √S_r·V_rᵀ}, applied as
 * two layers of the same op, the bias on the second. Splitting √S between them keeps both factors on
 * the same scale, which fine-tuning and later quantization both prefer to one factor holding all of S.
 */
final class SvdLayer implements FactorizableLayer {
    /** Where the weight sits and which of its axes the layer's input is multiplied with. */
    enum Form {
        /** Gemm: input · op(B); transB=1 stores B as [out, in]. */
        GEMM,
        /** MatMul(x, W): the input meets W's rows. */
        MATMUL_WEIGHT_RIGHT,
        /** MatMul(W, x): the input meets W's columns. */
        MATMUL_WEIGHT_LEFT,
        /** Conv 1×1 with weight [out, in, 1, 1], seen as the matrix [out, in]. */
        CONV_1X1
    }

    private final Node node;
    private final Form form;
    private final Tensor weight;
    private final boolean inputMeetsRows;
    private final ThinSvd svd;
    private final long macsBefore;

    SvdLayer(Node node, Form form, Tensor weight, long macsBefore) {
        this.node = node;
        this.form = form;
        this.weight = weight;
        this.inputMeetsRows = switch (form) {
            case GEMM -> node.intAttr("transB", 0) == 0;
            case MATMUL_WEIGHT_RIGHT -> true;
            case MATMUL_WEIGHT_LEFT, CONV_1X1 -> false;
        };
        this.svd = ThinSvd.of(GraphEdits.doubles(weight), (int) weight.dim(0), (int) weight.dim(1), true,
                "the weight of " + node.label());
        this.macsBefore = macsBefore;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public String method() {
        return "svd";
    }

    @Override
    public Tensor weight() {
        return weight;
    }

    @Override
    public List<Integer> fullRanks() {
        return List.of(svd.fullRank());
    }

    @Override
    public List<Integer> ranks(RankRule rule) {
        return List.of(rule.rank(svd.s));
    }

    @Override
    public long paramsBefore() {
        return (long) svd.rows * svd.cols;
    }

    @Override
    public long paramsAfter(List<Integer> ranks) {
        return (long) ranks.get(0) * (svd.rows + svd.cols);
    }

    @Override
    public long macsBefore() {
        return macsBefore;
    }

    /** Every output position costs rows·cols MACs before and r·(rows + cols) after. */
    @Override
    public long macsAfter(List<Integer> ranks) {
        return macsBefore < 0 ? -1 : macsBefore / paramsBefore() * paramsAfter(ranks);
    }

    @Override
    public double relativeError(List<Integer> ranks) {
        return svd.relativeError(ranks.get(0));
    }

    @Override
    public List<String> replace(Graph g, List<Integer> ranks) {
        int r = ranks.get(0);
        Node n = GraphEdits.counterpart(g, node);
        String first = GraphEdits.nodeName(g, n, "lowrank1");
        String second = GraphEdits.nodeName(g, n, "lowrank2");
        // the factor the input meets first is the one on the side of W the input is multiplied with
        float[] rowFactor = svd.rowFactor(r);
        float[] colFactor = svd.columnFactor(r);
        long rows = svd.rows;
        long cols = svd.cols;
        boolean conv = form == Form.CONV_1X1;
        String rowW = GraphEdits.weight(g, weight.name() + ".lowrank_u", conv ? dims(rows, r, 1, 1) : dims(rows, r),
                rowFactor);
        String colW = GraphEdits.weight(g, weight.name() + ".lowrank_v", conv ? dims(r, cols, 1, 1) : dims(r, cols),
                colFactor);
        String w1 = inputMeetsRows ? rowW : colW;
        String w2 = inputMeetsRows ? colW : rowW;
        Node a;
        Node b;
        switch (form) {
            case GEMM -> {
                a = GraphEdits.node(first, "Gemm", List.of(n.input(0), w1), first);
                if (g.opsetVersion() > 0 && g.opsetVersion() < 11) {
                    // before opset 11 Gemm's C is required: the first factor gets a zero one
                    a.setInput(2, GraphEdits.weight(g, weight.name() + ".lowrank_zero", dims(r), new float[r]));
                }
                b = GraphEdits.node(second, "Gemm", n.hasInput(2) ? List.of(first, w2, n.input(2)) : List.of(first, w2),
                        n.output(0));
                long transB = n.intAttr("transB", 0);
                a.setAttribute(Attribute.ofFloat("alpha", n.floatAttr("alpha", 1f)))
                        .setAttribute(Attribute.ofInt("transA", n.intAttr("transA", 0)))
                        .setAttribute(Attribute.ofInt("transB", transB));
                b.setAttribute(Attribute.ofFloat("beta", n.floatAttr("beta", 1f)))
                        .setAttribute(Attribute.ofInt("transB", transB));
            }
            case MATMUL_WEIGHT_RIGHT -> {
                a = GraphEdits.node(first, "MatMul", List.of(n.input(0), w1), first);
                b = GraphEdits.node(second, "MatMul", List.of(first, w2), n.output(0));
            }
            case MATMUL_WEIGHT_LEFT -> {
                a = GraphEdits.node(first, "MatMul", List.of(w1, n.input(1)), first);
                b = GraphEdits.node(second, "MatMul", List.of(w2, first), n.output(0));
            }
            default -> {
                // the first 1×1 keeps the stride and padding: it then runs on the output grid only
                a = GraphEdits.node(first, "Conv", List.of(n.input(0), w1), first);
                n.attributes().values().forEach(a::setAttribute);
                b = GraphEdits.pointwise(GraphEdits.node(second, "Conv",
                        n.hasInput(2) ? List.of(first, w2, n.input(2)) : List.of(first, w2), n.output(0)));
            }
        }
        g.replaceNode(n, List.of(a, b));
        return List.of(first, second);
    }

    private static long[] dims(long... d) {
        return d;
    }
}

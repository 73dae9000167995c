package org.compresslab.compress.lowrank;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * A k×k convolution (groups = 1) factorized by Tucker-2: the higher-order SVD of its kernel
 * W [C_out, C_in, kh, kw] on the two channel modes. U_out and U_in are the leading left singular vectors
 * of the mode-0 and mode-1 unfoldings, the core is {@code G = W ×₀ U_outᵀ ×₁ U_inᵀ} [r_out, r_in, kh, kw],
 * and the layer becomes 1×1 (C_in→r_in, weight U_inᵀ) → k×k (r_in→r_out, the core, the original stride,
 * padding and dilation) → 1×1 (r_out→C_out, weight U_out, the bias). A mode kept at its full channel
 * count needs no projection (it would be an orthonormal rotation and its inverse), so its 1×1 is left out.
 */
final class TuckerLayer implements FactorizableLayer {
    private final Node node;
    private final Tensor weight;
    private final int cout;
    private final int cin;
    private final int area;
    private final double[] w;
    private final ThinSvd outMode;
    private final ThinSvd inMode;
    private final long inPixels;
    private final long outPixels;
    private final double norm2;

    /**
     * @param inPixels  the input's height × width for one image, -1 when unknown
     * @param outPixels the output's height × width, -1 when unknown
     */
    TuckerLayer(Node node, Tensor weight, long inPixels, long outPixels) {
        this.node = node;
        this.weight = weight;
        this.cout = (int) weight.dim(0);
        this.cin = (int) weight.dim(1);
        this.area = (int) (weight.dim(2) * weight.dim(3));
        this.w = GraphEdits.doubles(weight);
        this.inPixels = inPixels;
        this.outPixels = outPixels;
        String what = "the kernel of " + node.label();
        this.outMode = ThinSvd.of(w, cout, cin * area, false, what);
        this.inMode = ThinSvd.of(modeOneUnfolding(), cin, cout * area, false, what);
        double n = 0;
        for (double v : w) {
            n += v * v;
        }
        this.norm2 = n;
    }

    /** Rows are input channels, columns (output channel, kernel position). */
    private double[] modeOneUnfolding() {
        double[] m = new double[w.length];
        int cols = cout * area;
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                System.arraycopy(w, (o * cin + c) * area, m, c * cols + o * area, area);
            }
        }
        return m;
    }

    @Override
    public Node node() {
        return node;
    }

    @Override
    public String method() {
        return "tucker-2";
    }

    @Override
    public Tensor weight() {
        return weight;
    }

    @Override
    public List<Integer> fullRanks() {
        return List.of(outMode.fullRank(), inMode.fullRank());
    }

    @Override
    public List<Integer> ranks(RankRule rule) {
        return List.of(rule.rank(outMode.s), rule.rank(inMode.s));
    }

    @Override
    public long paramsBefore() {
        return (long) cout * cin * area;
    }

    @Override
    public long paramsAfter(List<Integer> ranks) {
        int ro = ranks.get(0);
        int ri = ranks.get(1);
        return (ri < cin ? (long) cin * ri : 0) + (long) ro * ri * area + (ro < cout ? (long) cout * ro : 0);
    }

    @Override
    public long macsBefore() {
        return outPixels < 0 ? -1 : outPixels * paramsBefore();
    }

    /** The input projection runs on the input grid (before any stride), the core and output projection on the output's. */
    @Override
    public long macsAfter(List<Integer> ranks) {
        if (inPixels < 0 || outPixels < 0) {
            return -1;
        }
        int ro = ranks.get(0);
        int ri = ranks.get(1);
        return (ri < cin ? inPixels * cin * ri : 0)
                + outPixels * ((long) ro * ri * area + (ro < cout ? (long) cout * ro : 0));
    }

    /** The projection is orthogonal, so ‖W − Ŵ‖² = ‖W‖² − ‖G‖². */
    @Override
    public double relativeError(List<Integer> ranks) {
        if (norm2 == 0) {
            return 0;
        }
        double g2 = 0;
        for (double v : core(ranks.get(0), ranks.get(1))) {
            g2 += v * v;
        }
        return Math.sqrt(Math.max(0, norm2 - g2) / norm2);
    }

    /** G[a, b, s] = Σ_o Σ_c U_out[o, a] U_in[c, b] W[o, c, s], with an identity for a mode kept whole. */
    private double[] core(int ro, int ri) {
        double[] t = w;
        if (ri < cin) {
            t = new double[cout * ri * area];
            for (int o = 0; o < cout; o++) {
                for (int c = 0; c < cin; c++) {
                    int src = (o * cin + c) * area;
                    for (int b = 0; b < ri; b++) {
                        double u = inMode.u.get(c, b);
                        int dst = (o * ri + b) * area;
                        for (int s = 0; s < area; s++) {
                            t[dst + s] += u * w[src + s];
                        }
                    }
                }
            }
        }
        if (ro == cout) {
            return t;
        }
        double[] g = new double[ro * ri * area];
        int slab = ri * area;
        for (int o = 0; o < cout; o++) {
            for (int a = 0; a < ro; a++) {
                double u = outMode.u.get(o, a);
                for (int j = 0; j < slab; j++) {
                    g[a * slab + j] += u * t[o * slab + j];
                }
            }
        }
        return g;
    }

    @Override
    public List<String> replace(Graph g, List<Integer> ranks) {
        int ro = ranks.get(0);
        int ri = ranks.get(1);
        Node n = GraphEdits.counterpart(g, node);
        List<Node> chain = new ArrayList<>();
        String x = n.input(0);
        if (ri < cin) {
            float[] uInT = new float[ri * cin];
            for (int b = 0; b < ri; b++) {
                for (int c = 0; c < cin; c++) {
                    uInT[b * cin + c] = (float) inMode.u.get(c, b);
                }
            }
            String name = GraphEdits.nodeName(g, n, "tucker_in");
            String wIn = GraphEdits.weight(g, weight.name() + ".tucker_in", new long[] {ri, cin, 1, 1}, uInT);
            chain.add(GraphEdits.pointwise(GraphEdits.node(name, "Conv", List.of(x, wIn), name)));
            x = name;
        }
        double[] core = core(ro, ri);
        float[] coreF = new float[core.length];
        for (int i = 0; i < core.length; i++) {
            coreF[i] = (float) core[i];
        }
        boolean last = ro == cout;
        String coreName = GraphEdits.nodeName(g, n, "tucker_core");
        String wCore = GraphEdits.weight(g, weight.name() + ".tucker_core",
                new long[] {ro, ri, weight.dim(2), weight.dim(3)}, coreF);
        List<String> coreInputs = last && n.hasInput(2) ? List.of(x, wCore, n.input(2)) : List.of(x, wCore);
        Node coreNode = GraphEdits.node(coreName, "Conv", coreInputs, last ? n.output(0) : coreName);
        n.attributes().values().forEach(coreNode::setAttribute);
        coreNode.setAttribute(Attribute.ofInt("group", 1));
        chain.add(coreNode);
        if (!last) {
            float[] uOut = new float[cout * ro];
            for (int o = 0; o < cout; o++) {
                for (int a = 0; a < ro; a++) {
                    uOut[o * ro + a] = (float) outMode.u.get(o, a);
                }
            }
            String name = GraphEdits.nodeName(g, n, "tucker_out");
            String wOut = GraphEdits.weight(g, weight.name() + ".tucker_out", new long[] {cout, ro, 1, 1}, uOut);
            chain.add(GraphEdits.pointwise(GraphEdits.node(name, "Conv",
                    n.hasInput(2) ? List.of(coreName, wOut, n.input(2)) : List.of(coreName, wOut), n.output(0))));
        }
        g.replaceNode(n, chain);
        return chain.stream().map(Node::name).toList();
    }
}

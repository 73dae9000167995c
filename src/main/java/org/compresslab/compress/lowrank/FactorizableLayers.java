package org.compresslab.compress.lowrank;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.MacCounter;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.ShapeInferenceResult;
import org.compresslab.graph.Tensor;

/**
 * Finds the layers of a graph that low-rank factorization can replace, decomposes their weights, and
 * says in words why every other weighted layer of the kinds asked for is left alone.
 */
final class FactorizableLayers {
    /** Which layers to look at. */
    enum Kind {
        /** Gemm and MatMul with a constant weight: truncated SVD. */
        MATRICES,
        /** Convolutions: Tucker-2 for k×k, SVD for 1×1. */
        CONVOLUTIONS
    }

    /** The layers found and those left alone, in graph order. */
    record Found(List<FactorizableLayer> layers, List<SkippedLayer> leftAlone) {
        Found {
            layers = List.copyOf(layers);
            leftAlone = List.copyOf(leftAlone);
        }
    }

    private FactorizableLayers() {
    }

    /**
     * @param kinds    the layer kinds to look at
     * @param excluded layers to leave alone (reported as excluded, not decomposed)
     */
    static Found find(Graph g, List<Kind> kinds, Predicate<Node> excluded) {
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
        List<FactorizableLayer> layers = new ArrayList<>();
        List<SkippedLayer> skipped = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (!n.isDefaultDomain()) {
                continue;
            }
            boolean matrix = kinds.contains(Kind.MATRICES) && (n.opType().equals("Gemm") || n.opType().equals("MatMul"));
            boolean conv = kinds.contains(Kind.CONVOLUTIONS) && n.opType().equals("Conv");
            if (!matrix && !conv) {
                continue;
            }
            int weightInput = matrix ? matrixWeightInput(g, n) : 1;
            if (weightInput < 0) {
                continue; // a product of two activations (attention scores), not a layer with weights
            }
            String why = conv ? convProblem(g, n) : weightProblem(g, n, n.input(weightInput), 2);
            if (why == null && excluded.test(n)) {
                why = "excluded";
            }
            if (why != null) {
                skipped.add(new SkippedLayer(n.label(), n.opType(), why));
                continue;
            }
            Tensor w = g.initializer(n.input(weightInput)).orElseThrow();
            long macs = MacCounter.macs(n, shapes);
            if (matrix) {
                SvdLayer.Form form = n.opType().equals("Gemm") ? SvdLayer.Form.GEMM
                        : weightInput == 1 ? SvdLayer.Form.MATMUL_WEIGHT_RIGHT : SvdLayer.Form.MATMUL_WEIGHT_LEFT;
                layers.add(new SvdLayer(n, form, w, macs));
            } else if (w.dim(2) == 1 && w.dim(3) == 1) {
                layers.add(new SvdLayer(n, SvdLayer.Form.CONV_1X1, w, macs));
            } else {
                layers.add(new TuckerLayer(n, w, pixels(shapes.dims(n.input(0))), pixels(shapes.dims(n.output(0)))));
            }
        }
        return new Found(layers, skipped);
    }

    /** How many layers {@link #find} would decompose, without decomposing them (for cost estimates). */
    static int count(Graph g, List<Kind> kinds) {
        int count = 0;
        for (Node n : g.nodes()) {
            if (kinds.contains(Kind.MATRICES) && (n.opType().equals("Gemm") || n.opType().equals("MatMul"))) {
                int i = matrixWeightInput(g, n);
                count += i >= 0 && weightProblem(g, n, n.input(i), 2) == null ? 1 : 0;
            } else if (kinds.contains(Kind.CONVOLUTIONS) && n.opType().equals("Conv")) {
                count += convProblem(g, n) == null ? 1 : 0;
            }
        }
        return count;
    }

    /**
     * The input holding a MatMul's or Gemm's weight: Gemm's B; the constant side of a MatMul. -1 for a
     * MatMul of two activations. A Gemm whose B is computed still counts, so that it is reported.
     */
    private static int matrixWeightInput(Graph g, Node n) {
        if (n.opType().equals("Gemm")) {
            return 1;
        }
        boolean left = g.isInitializer(n.input(0));
        boolean right = g.isInitializer(n.input(1));
        if (left == right) {
            return -1;
        }
        return right ? 1 : 0;
    }

    private static String convProblem(Graph g, Node n) {
        String why = weightProblem(g, n, n.input(1), 4);
        if (why != null) {
            return why;
        }
        if (n.intAttr("group", 1) != 1) {
            return "depthwise or grouped convolution: its channels do not mix across groups, so there is no "
                    + "channel mode to factorize";
        }
        return null;
    }

    /** Why the weight cannot be factorized, or null when it can. */
    private static String weightProblem(Graph g, Node n, String weight, int dims) {
        Tensor w = g.initializer(weight).orElse(null);
        if (w == null) {
            return "its weight is computed at run time, not stored in the model";
        }
        if (w.type() != DataType.FLOAT) {
            return "its weight is " + w.type() + "; factorize the float32 model before quantizing or converting it";
        }
        if (w.rank() != dims) {
            return "its weight has " + w.rank() + (w.rank() == 1 ? " dimension" : " dimensions") + "; only " + (dims == 2 ? "matrices"
                    : "the 4-D kernels of 2-D convolutions") + " are factorized";
        }
        List<String> readers = g.consumers(weight).stream().filter(c -> c != n).map(Node::label).toList();
        if (!readers.isEmpty()) {
            return "its weight is shared with " + String.join(", ", readers)
                    + "; factorizing one reader would add parameters, not remove them";
        }
        return null;
    }

    private static long pixels(long[] nchw) {
        if (nchw == null || nchw.length != 4 || nchw[2] < 0 || nchw[3] < 0) {
            return -1;
        }
        return nchw[2] * nchw[3];
    }
}

package org.compresslab.compress;

import java.util.List;
import java.util.Optional;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Folds an inference-mode BatchNormalization into the convolution before it: W' = W·γ/√(σ²+ε) per output
 * channel, b' = (b − μ)·γ/√(σ²+ε) + β. The result computes the same function with one node fewer; int8
 * quantization needs it, because ONNX Runtime fuses quantized Conv but has no quantized BatchNorm, and
 * quantizing the folded weights is what the deployed model really runs.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** Folds every Conv → BatchNormalization pair it can, in place; returns how many it folded. */
    public static int foldInPlace(Graph g) {
        int folded = 0;
        for (Node bn : List.copyOf(g.nodesOfType("BatchNormalization"))) {
            if (fold(g, bn)) {
                folded++;
            }
        }
        if (folded > 0) {
            g.removeUnusedInitializers();
        }
        return folded;
    }

    private static boolean fold(Graph g, Node bn) {
        if (bn.outputs().size() != 1 && bn.outputs().stream().skip(1).anyMatch(o -> !o.isEmpty())) {
            return false; // training-mode BN (running statistics as outputs)
        }
        Optional<Node> producer = g.producer(bn.input(0));
        if (producer.isEmpty() || !producer.get().opType().equals("Conv") || !producer.get().isDefaultDomain()) {
            return false;
        }
        Node conv = producer.get();
        if (g.consumers(conv.output(0)).size() != 1 || isGraphOutput(g, conv.output(0))) {
            return false;
        }
        Optional<Tensor> w = floatInit(g, conv.input(1));
        Optional<Tensor> gamma = floatInit(g, bn.input(1));
        Optional<Tensor> beta = floatInit(g, bn.input(2));
        Optional<Tensor> mean = floatInit(g, bn.input(3));
        Optional<Tensor> var = floatInit(g, bn.input(4));
        Optional<Tensor> bias = conv.hasInput(2) ? floatInit(g, conv.input(2)) : Optional.empty();
        if (w.isEmpty() || gamma.isEmpty() || beta.isEmpty() || mean.isEmpty() || var.isEmpty()
                || (conv.hasInput(2) && bias.isEmpty())) {
            return false;
        }
        int m = (int) w.get().dim(0);
        if (gamma.get().elementCount() != m || g.consumers(conv.input(1)).size() != 1
                || (bias.isPresent() && g.consumers(conv.input(2)).size() != 1)) {
            return false; // shared weights: folding would change the other reader
        }
        double eps = bn.floatAttr("epsilon", 1e-5f);
        float[] wf = w.get().toFloats();
        float[] gf = gamma.get().toFloats();
        float[] bf = beta.get().toFloats();
        float[] mf = mean.get().toFloats();
        float[] vf = var.get().toFloats();
        float[] b = bias.map(Tensor::toFloats).orElse(new float[m]);
        int per = wf.length / m;
        float[] newB = new float[m];
        for (int c = 0; c < m; c++) {
            double k = gf[c] / Math.sqrt(vf[c] + eps);
            for (int i = 0; i < per; i++) {
                wf[c * per + i] = (float) (wf[c * per + i] * k);
            }
            newB[c] = (float) ((b[c] - mf[c]) * k + bf[c]);
        }
        String wName = conv.input(1);
        g.putInitializer(Tensor.ofFloats(wName, w.get().dims(), wf));
        String bName = conv.hasInput(2) ? conv.input(2) : g.uniqueName(conv.name() + ".bias");
        g.putInitializer(Tensor.ofFloats(bName, new long[] {m}, newB));
        conv.setInput(2, bName);
        g.removeValueInfo(conv.output(0));
        conv.setOutput(0, bn.output(0));
        g.removeNode(bn);
        return true;
    }

    private static boolean isGraphOutput(Graph g, String value) {
        return g.outputs().stream().anyMatch(o -> o.name().equals(value));
    }

    private static Optional<Tensor> floatInit(Graph g, String name) {
        return g.initializer(name).filter(t -> t.type() == DataType.FLOAT);
    }
}

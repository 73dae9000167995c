package org.compresslab.compress.prune;

import java.util.List;
import java.util.Random;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.graph.Node;

/**
 * Small graphs for the pruning tests: random weights and biases, and BatchNorms with random γ, β, mean
 * and variance (an identity BatchNorm would hide a wrongly sliced parameter). Node names are given by
 * the test so assertions can name them.
 */
final class TestNet {
    private final GraphBuilder b;
    private final Random random;

    TestNet(String name, long seed) {
        b = new GraphBuilder(name, 17, seed);
        random = new Random(seed + 1);
    }

    String input(long... dimsAfterBatch) {
        return b.input("input", dimsAfterBatch);
    }

    Graph output(String value, long... dimsAfterBatch) {
        b.output(value, dimsAfterBatch);
        return b.graph();
    }

    Graph graph() {
        return b.graph();
    }

    /** A k×k convolution with "same" padding, random weights and a random bias. */
    String conv(String name, String x, int in, int out, int k, int group) {
        String w = b.weight(name + ".w", new long[] {out, in / group, k, k}, Math.sqrt(2.0 / (in / group * k * k)));
        String bias = constant(name + ".b", new long[] {out}, 0.2f);
        return named(name, "Conv", List.of(x, w, bias), Attribute.ofInts("kernel_shape", k, k),
                Attribute.ofInts("pads", k / 2, k / 2, k / 2, k / 2), Attribute.ofInt("group", group));
    }

    String bn(String name, String x, int c) {
        long[] d = {c};
        return named(name, "BatchNormalization", List.of(x, positive(name + ".gamma", c), constant(name + ".beta", d, 0.5f),
                constant(name + ".mean", d, 0.5f), positive(name + ".var", c)), Attribute.ofFloat("epsilon", 1e-5f));
    }

    /** Gemm; transB = 1 keeps the weight [out, in] as PyTorch exports it, 0 stores it [in, out]. */
    String gemm(String name, String x, int in, int out, boolean transB) {
        long[] wd = transB ? new long[] {out, in} : new long[] {in, out};
        String w = b.weight(name + ".w", wd, Math.sqrt(1.0 / in));
        return named(name, "Gemm", List.of(x, w, constant(name + ".b", new long[] {out}, 0.2f)),
                Attribute.ofInt("transB", transB ? 1 : 0));
    }

    String op(String name, String op, String... inputs) {
        return named(name, op, List.of(inputs));
    }

    String named(String name, String op, List<String> inputs, Attribute... attributes) {
        Node n = new Node(name, op, inputs, List.of(name));
        for (Attribute a : attributes) {
            n.setAttribute(a);
        }
        b.graph().addNode(n);
        return name;
    }

    /** A constant with values uniform in ±{@code scale} around 0 (or around 1 for scales). */
    String constant(String name, long[] dims, float scale) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (random.nextFloat() * 2 - 1) * scale;
        }
        return b.constant(name, dims, v);
    }

    /** Like {@link #constant} but held by a Constant node, as exporters often write small constants. */
    String constantNode(String name, long[] dims, float scale) {
        String init = constant(name + ".init", dims, scale);
        org.compresslab.graph.Tensor t = b.graph().initializer(init).orElseThrow();
        b.graph().removeInitializer(init);
        return named(name, "Constant", List.of(), Attribute.ofTensor("value", t.withName(name)));
    }

    String longs(String name, long... values) {
        return b.longs(name, values);
    }

    private String positive(String name, int c) {
        float[] v = new float[c];
        for (int i = 0; i < c; i++) {
            v[i] = 0.5f + random.nextFloat();
        }
        return b.constant(name, new long[] {c}, v);
    }

    /** GlobalAveragePool → Flatten → Gemm to {@code classes}, declared the graph output. */
    Graph classifier(String x, int channels, int classes) {
        String pooled = op("pool", "GlobalAveragePool", x);
        String flat = op("flatten", "Flatten", pooled);
        return output(gemm("fc", flat, channels, classes, true), classes);
    }
}

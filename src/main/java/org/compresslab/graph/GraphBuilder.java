package org.compresslab.graph;

import java.util.List;
import java.util.Random;

/**
 * Builds graphs in code (model catalogue, tests): each method appends one node and returns the name
 * of its output value. Weights are initialised with a seeded He-normal so builds are reproducible.
 */
public final class GraphBuilder {
    private final Graph graph = new Graph();
    private final Random random;
    private int counter;

    public GraphBuilder(String name, long opset, long seed) {
        graph.setName(name);
        graph.opsets().put("", opset);
        this.random = new Random(seed);
    }

    public Graph graph() {
        return graph;
    }

    /** Declares a float input with a symbolic batch dimension; returns its name. */
    public String input(String name, long... dimsAfterBatch) {
        long[] dims = new long[dimsAfterBatch.length + 1];
        String[] symbols = new String[dims.length];
        dims[0] = Shape.UNKNOWN;
        symbols[0] = "batch";
        System.arraycopy(dimsAfterBatch, 0, dims, 1, dimsAfterBatch.length);
        graph.addInput(new ValueInfo(name, DataType.FLOAT, new Shape(dims, symbols)));
        return name;
    }

    /** Declares {@code value} a graph output with a symbolic batch dimension. */
    public void output(String value, long... dimsAfterBatch) {
        long[] dims = new long[dimsAfterBatch.length + 1];
        String[] symbols = new String[dims.length];
        dims[0] = Shape.UNKNOWN;
        symbols[0] = "batch";
        System.arraycopy(dimsAfterBatch, 0, dims, 1, dimsAfterBatch.length);
        graph.addOutput(new ValueInfo(value, DataType.FLOAT, new Shape(dims, symbols)));
    }

    private String next(String prefix) {
        return prefix + "_" + (counter++);
    }

    public String weight(String prefix, long[] dims, double std) {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        String name = next(prefix);
        graph.putInitializer(Tensor.ofFloats(name, dims, w));
        return name;
    }

    public String constant(String prefix, long[] dims, float[] values) {
        String name = next(prefix);
        graph.putInitializer(Tensor.ofFloats(name, dims, values));
        return name;
    }

    public String longs(String prefix, long... values) {
        String name = next(prefix);
        graph.putInitializer(Tensor.ofLongs(name, new long[] {values.length}, values));
        return name;
    }

    public Node node(String op, List<String> inputs, Attribute... attributes) {
        String out = next(op.toLowerCase(java.util.Locale.ROOT));
        Node n = new Node(out, op, inputs, List.of(out));
        for (Attribute a : attributes) {
            n.setAttribute(a);
        }
        graph.addNode(n);
        return n;
    }

    public String op(String op, List<String> inputs, Attribute... attributes) {
        return node(op, inputs, attributes).output(0);
    }

    /** Conv with He-normal weights (and a zero bias when {@code bias}). */
    public String conv(String x, long inChannels, long outChannels, long kernel, long stride, long pad, long group,
                       boolean bias) {
        long[] wDims = {outChannels, inChannels / group, kernel, kernel};
        double fanIn = (double) inChannels / group * kernel * kernel;
        String w = weight("conv_w", wDims, Math.sqrt(2.0 / fanIn));
        List<String> ins = bias ? List.of(x, w, constant("conv_b", new long[] {outChannels}, new float[(int) outChannels]))
                : List.of(x, w);
        return op("Conv", ins, Attribute.ofInts("kernel_shape", kernel, kernel), Attribute.ofInts("strides", stride, stride),
                Attribute.ofInts("pads", pad, pad, pad, pad), Attribute.ofInt("group", group));
    }

    /** BatchNormalization in inference form with identity statistics (γ=1, β=0, mean=0, var=1). */
    public String batchNorm(String x, long channels) {
        float[] ones = new float[(int) channels];
        java.util.Arrays.fill(ones, 1f);
        long[] d = {channels};
        return op("BatchNormalization", List.of(x, constant("bn_scale", d, ones), constant("bn_bias", d, new float[(int) channels]),
                constant("bn_mean", d, new float[(int) channels]), constant("bn_var", d, ones)),
                Attribute.ofFloat("epsilon", 1e-5f));
    }

    public String relu(String x) {
        return op("Relu", List.of(x));
    }

    public String add(String a, String b) {
        return op("Add", List.of(a, b));
    }

    /** Gemm with a transposed [out, in] weight, as PyTorch's Linear exports. */
    public String linear(String x, long in, long out) {
        String w = weight("fc_w", new long[] {out, in}, Math.sqrt(1.0 / in));
        String b = constant("fc_b", new long[] {out}, new float[(int) out]);
        return op("Gemm", List.of(x, w, b), Attribute.ofInt("transB", 1));
    }
}

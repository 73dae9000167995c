package org.compresslab.train.catalogue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;

/**
 * Assembles a catalogue network with readable names: every node gets the name the user will see in the
 * layer table (e.g. {@code layer1.0.conv1}), its output value is called the same, and its weights are
 * {@code <node>.weight} / {@code <node>.bias} (BatchNormalization: {@code .weight}, {@code .bias},
 * {@code .running_mean}, {@code .running_var}, as PyTorch names them). A name used twice is a bug and throws.
 * <p>
 * All random weights come from one {@link Random} seeded at construction, drawn in build order.
 */
final class NamedGraphBuilder {
    static final long OPSET = 17;
    static final String INPUT = "input";
    static final String OUTPUT = "logits";

    private final Graph graph = new Graph();
    private final Random random;
    private final Set<String> names = new HashSet<>();

    NamedGraphBuilder(String graphName, String description, long seed) {
        graph.setName(graphName);
        graph.setDocString(description);
        graph.opsets().put("", OPSET);
        this.random = new Random(seed);
    }

    Graph graph() {
        return graph;
    }

    Random random() {
        return random;
    }

    /** Declares the float image input {@code [batch, c, h, w]} with a symbolic batch; returns its name. */
    String input(ImageSpec spec) {
        claim(INPUT);
        graph.addInput(new ValueInfo(INPUT, DataType.FLOAT, new Shape(
                new long[] {Shape.UNKNOWN, spec.channels(), spec.height(), spec.width()},
                new String[] {"batch", null, null, null})));
        return INPUT;
    }

    /** Declares the logits output {@code [batch, classes]}. */
    void output(String value, int classes) {
        graph.addOutput(new ValueInfo(value, DataType.FLOAT, new Shape(
                new long[] {Shape.UNKNOWN, classes}, new String[] {"batch", null})));
    }

    // ---- initializers ---------------------------------------------------------------------------

    String floats(String name, long[] dims, float[] values) {
        claim(name);
        graph.putInitializer(Tensor.ofFloats(name, dims, values));
        return name;
    }

    String longs(String name, long... values) {
        claim(name);
        graph.putInitializer(Tensor.ofLongs(name, new long[] {values.length}, values));
        return name;
    }

    /** A float scalar (rank 0) shared by every node that asks for the same name. */
    String scalar(String name, float value) {
        if (graph.isInitializer(name)) {
            float existing = graph.initializer(name).orElseThrow().toFloats()[0];
            if (Float.compare(existing, value) != 0) {
                throw new IllegalStateException("constant '" + name + "' already holds " + existing);
            }
            return name;
        }
        return floats(name, new long[0], new float[] {value});
    }

    // ---- nodes ----------------------------------------------------------------------------------

    /** Appends a node whose single output is named like the node; returns the output name. */
    String op(String name, String opType, List<String> inputs, Attribute... attributes) {
        return op(name, name, opType, inputs, attributes);
    }

    /** Appends a node named {@code name} with one output called {@code output}; returns {@code output}. */
    String op(String name, String output, String opType, List<String> inputs, Attribute... attributes) {
        node(name, opType, inputs, List.of(output), attributes);
        return output;
    }

    Node node(String name, String opType, List<String> inputs, List<String> outputs, Attribute... attributes) {
        claim(name);
        for (String o : outputs) {
            if (!o.equals(name)) {
                claim(o);
            }
        }
        Node n = new Node(name, opType, inputs, outputs);
        for (Attribute a : attributes) {
            n.setAttribute(a);
        }
        graph.addNode(n);
        return n;
    }

    /** 2-D convolution with He-normal weights (fan-in) and, when {@code bias}, a zero bias. */
    String conv(String name, String x, int in, int out, int kernel, int stride, int pad, int groups, boolean bias) {
        if (in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(name + ": " + in + " → " + out + " channels do not split into "
                    + groups + " groups");
        }
        long[] dims = {out, in / groups, kernel, kernel};
        long fanIn = (long) (in / groups) * kernel * kernel;
        String w = floats(name + ".weight", dims, WeightInit.heNormal(random, count(dims), fanIn));
        List<String> inputs = new ArrayList<>(List.of(x, w));
        if (bias) {
            inputs.add(floats(name + ".bias", new long[] {out}, new float[out]));
        }
        return op(name, "Conv", inputs,
                Attribute.ofInts("kernel_shape", kernel, kernel),
                Attribute.ofInts("strides", stride, stride),
                Attribute.ofInts("pads", pad, pad, pad, pad),
                Attribute.ofInts("dilations", 1, 1),
                Attribute.ofInt("group", groups));
    }

    /** BatchNormalization with γ = 1, β = 0, running mean 0, running variance 1, ε = 1e-5, momentum 0.9 (ONNX's meaning). */
    String batchNorm(String name, String x, int channels) {
        long[] d = {channels};
        String gamma = floats(name + ".weight", d, WeightInit.filled(channels, 1f));
        String beta = floats(name + ".bias", d, new float[channels]);
        String mean = floats(name + ".running_mean", d, new float[channels]);
        String var = floats(name + ".running_var", d, WeightInit.filled(channels, 1f));
        return op(name, "BatchNormalization", List.of(x, gamma, beta, mean, var),
                Attribute.ofFloat("epsilon", 1e-5f), Attribute.ofFloat("momentum", 0.9f));
    }

    String relu(String name, String x) {
        return op(name, "Relu", List.of(x));
    }

    /** ReLU6 as Clip(x, 0, 6) with the bounds as inputs (opset ≥ 11); the two bound scalars are shared. */
    String relu6(String name, String x) {
        return op(name, "Clip", List.of(x, scalar("relu6.min", 0f), scalar("relu6.max", 6f)));
    }

    String add(String name, String a, String b) {
        return op(name, "Add", List.of(a, b));
    }

    String maxPool(String name, String x, int kernel, int stride) {
        return op(name, "MaxPool", List.of(x), Attribute.ofInts("kernel_shape", kernel, kernel),
                Attribute.ofInts("strides", stride, stride), Attribute.ofInts("pads", 0, 0, 0, 0));
    }

    String globalAveragePool(String name, String x) {
        return op(name, "GlobalAveragePool", List.of(x));
    }

    String flatten(String name, String x) {
        return op(name, "Flatten", List.of(x), Attribute.ofInt("axis", 1));
    }

    /**
     * Fully connected layer as PyTorch's Linear exports it: Gemm with a [out, in] weight and transB = 1,
     * weight and bias uniform in ±1/√in.
     */
    String linear(String name, String output, String x, int in, int out) {
        long[] wd = {out, in};
        String w = floats(name + ".weight", wd, WeightInit.uniform(random, count(wd), in));
        String b = floats(name + ".bias", new long[] {out}, WeightInit.uniform(random, out, in));
        return op(name, output, "Gemm", List.of(x, w, b), Attribute.ofFloat("alpha", 1f),
                Attribute.ofFloat("beta", 1f), Attribute.ofInt("transA", 0), Attribute.ofInt("transB", 1));
    }

    private void claim(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalStateException("catalogue nodes and values must be named");
        }
        if (!names.add(name)) {
            throw new IllegalStateException("name '" + name + "' is used twice in " + graph.name());
        }
    }

    static int count(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return Math.toIntExact(n);
    }
}

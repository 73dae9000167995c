package org.compresslab.runtime.tensorflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * SavedModels built with TensorFlow Java the way Keras lays out a small CNN (NHWC, HWIO kernels, weights in
 * variables restored from the checkpoint, BiasAdd after each layer, FusedBatchNormV3 in inference mode), with
 * seeded random weights.
 */
final class TensorFlowSavedModels {
    static final int SIZE = 28;
    static final int CLASSES = 10;

    private TensorFlowSavedModels() {
    }

    /**
     * A CNN on [N,28,28,1] touching every op the importer converts: two signatures, "serving_default"
     * (softmax probabilities) and "logits" (the pre-softmax scores, where a difference is not squashed).
     */
    static Path smallCnn(Path dir) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Layers l = new Layers(g, 42);
            Ops tf = l.tf;
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));

            Operand<TFloat32> x = l.conv("conv1", image, 3, 1, 8, 1, "SAME");
            x = l.batchNorm("bn1", x, 8);
            x = tf.nn.relu(x);
            x = l.raw("Pad", "pad1", x, tf.constant(new int[][] {{0, 0}, {1, 1}, {1, 1}, {0, 0}}));
            Operand<TFloat32> trunk = tf.nn.relu(l.conv("conv2", x, 3, 8, 16, 2, "VALID")); // 14x14

            Operand<TFloat32> dw = tf.nn.relu6(l.depthwise("dw", trunk, 3, 16, 1));
            Operand<TFloat32> side = l.conv("side", trunk, 1, 16, 8, 1, "SAME");
            side = tf.nn.avgPool(side, List.of(1L, 3L, 3L, 1L), List.of(1L, 1L, 1L, 1L), "SAME");
            x = tf.concat(List.of(dw, side), tf.constant(3)); // 24 channels

            x = l.conv("conv3", x, 3, 24, 16, 2, "SAME"); // 7x7, asymmetric padding
            x = tf.nn.relu(l.batchNorm("bn3", x, 16));
            Operand<TFloat32> residual = tf.nn.relu(l.conv("conv4", x, 3, 16, 16, 1, "SAME"));
            x = l.raw("AddV2", "residual", residual, x);
            x = tf.math.mul(x, l.constant(new long[] {16}, l.uniform(16, 0.5f, 1.5f)));
            x = l.raw("MaxPool", "pool", x, null, b -> b.setAttr("ksize", new long[] {1, 2, 2, 1})
                    .setAttr("strides", new long[] {1, 2, 2, 1}).setAttr("padding", "SAME")); // 4x4

            Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(false));
            Operand<TFloat32> flat = tf.reshape(x, tf.constant(new int[] {-1, 4 * 4 * 16}));
            Operand<TFloat32> logits = tf.math.add(l.dense("fc_flat", flat, 256, CLASSES),
                    l.dense("fc_pool", pooled, 16, CLASSES));
            logits = tf.withName("logits").identity(logits);
            Operand<TFloat32> probs = tf.withName("probabilities").identity(tf.nn.softmax(logits));

            s.initialize();
            export(dir, s, Signature.builder().key(Signature.DEFAULT_KEY).input("image", image)
                            .output("probabilities", probs).build(),
                    Signature.builder().key("logits").input("image", image).output("logits", logits).build());
        }
        return dir;
    }

    /**
     * A second model for the remaining conversions: PadV2 with a fill value, MaxPoolV2, a squeeze-excite
     * block (Mean keeping dims, Squeeze, Sigmoid, Reshape to 4-D, broadcast Mul), Sub and RealDiv by
     * constants, a BiasAdd that follows no layer, means over a single axis (one needing a transpose back
     * to TensorFlow's order), Reshape of 3-D tensors, ConcatV2 of 2-D tensors and Tanh.
     */
    static Path moreOps(Path dir) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Layers l = new Layers(g, 11);
            Ops tf = l.tf;
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
            Operand<TFloat32> x = tf.nn.relu(l.conv("c1", image, 3, 1, 8, 1, "SAME"));
            x = tf.pad(x, tf.constant(new int[][] {{0, 0}, {2, 1}, {1, 2}, {0, 0}}), tf.constant(0.5f)); // 31x31
            x = tf.nn.maxPool(x, tf.constant(new int[] {1, 3, 3, 1}), tf.constant(new int[] {1, 2, 2, 1}), "SAME"); // 16x16
            Operand<TFloat32> se = tf.math.mean(x, tf.constant(new int[] {1, 2}), Mean.keepDims(true));
            se = tf.squeeze(se, org.tensorflow.op.core.Squeeze.axis(1L, 2L));
            se = tf.math.sigmoid(l.dense("se", se, 8, 8));
            x = tf.math.mul(x, tf.reshape(se, tf.constant(new int[] {-1, 1, 1, 8})));
            x = tf.math.realDiv(tf.math.sub(x, tf.constant(0.1f)), tf.constant(2f));
            x = tf.nn.biasAdd(x, l.constant(new long[] {8}, l.uniform(8, -1f, 1f)));
            Operand<TFloat32> overChannels = tf.math.mean(x, tf.constant(new int[] {3})); // [N,16,16]
            Operand<TFloat32> overRows = tf.math.mean(x, tf.constant(new int[] {1})); // [N,16,8]
            Operand<TFloat32> flat = tf.concat(List.of(tf.reshape(overChannels, tf.constant(new int[] {-1, 256})),
                    tf.reshape(overRows, tf.constant(new int[] {-1, 128}))), tf.constant(1));
            Operand<TFloat32> out = tf.withName("scores").identity(tf.math.tanh(l.dense("fc", flat, 384, CLASSES)));
            s.initialize();
            export(dir, s, Signature.builder().key(Signature.DEFAULT_KEY).input("image", image).output("scores", out).build());
        }
        return dir;
    }

    /** A one-layer model whose activation is {@code opType}, an op the importer does not convert. */
    static Path withUnsupportedOp(Path dir, String opType) {
        try (Graph g = new Graph(); Session s = new Session(g)) {
            Layers l = new Layers(g, 7);
            Placeholder<TFloat32> image = l.tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
            Operand<TFloat32> x = l.raw(opType, "strange_activation", l.conv("conv", image, 3, 1, 4, 1, "SAME"), null);
            x = l.tf.math.mean(x, l.tf.constant(new int[] {1, 2}));
            s.initialize();
            export(dir, s, Signature.builder().key(Signature.DEFAULT_KEY).input("image", image).output("out", x).build());
        }
        return dir;
    }

    /** A model whose signature calls a library function (PartitionedCall), as Keras and tf.function save models. */
    static Path withFunctionCall(Path dir) {
        try (ConcreteFunction relu = ConcreteFunction.create(tf -> {
                Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
                return Signature.builder().input("x", x).output("y", tf.nn.relu(x)).build();
            });
             Graph g = new Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
            Operand<?> y = tf.call(relu, image);
            s.initialize();
            export(dir, s, Signature.builder().key(Signature.DEFAULT_KEY).input("image", image).output("out", y).build());
        }
        return dir;
    }

    /**
     * A model laid out as Keras saves one: the signature calls a function (StatefulPartitionedCall when the
     * body is stateful, PartitionedCall otherwise) and passes it the image and the layers' weights, read from
     * variables outside it, as arguments. The body scales one kernel by a constant (a weight computed inside
     * the function), and calls a nested function for its dense head; {@code bodyActivation} is its activation.
     */
    static Path kerasStyleFunctionCall(Path dir, String bodyActivation) {
        try (ConcreteFunction head = ConcreteFunction.create(tf -> {
                Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, 8)));
                Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(8, CLASSES)));
                Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(CLASSES)));
                return Signature.builder().input("x", x).input("kernel", w).input("bias", b)
                        .output("logits", tf.nn.biasAdd(tf.linalg.matMul(x, w), b)).build();
            });
             ConcreteFunction body = ConcreteFunction.create(tf -> {
                Placeholder<TFloat32> image = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
                Placeholder<TFloat32> k1 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, 1, 8)));
                Placeholder<TFloat32> b1 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(8)));
                Placeholder<TFloat32> k2 = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 3, 8, 8)));
                Placeholder<TFloat32> w = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(8, CLASSES)));
                Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(CLASSES)));
                Operand<TFloat32> x = tf.nn.biasAdd(tf.nn.conv2d(image, k1, List.of(1L, 2L, 2L, 1L), "SAME"), b1);
                x = activation(tf, bodyActivation, x);
                Operand<TFloat32> scaled = tf.math.mul(k2, tf.constant(0.5f));
                x = tf.nn.relu(tf.nn.conv2d(x, scaled, List.of(1L, 1L, 1L, 1L), "SAME"));
                Operand<TFloat32> pooled = tf.math.mean(x, tf.constant(new int[] {1, 2}));
                Operand<?> logits = head.call(tf, Map.of("x", pooled, "kernel", w, "bias", b)).get("logits");
                return Signature.builder().input("image", image).input("k1", k1).input("b1", b1).input("k2", k2)
                        .input("w", w).input("b", b).output("logits", logits).build();
            });
             Graph g = new Graph(); Session s = new Session(g)) {
            Layers l = new Layers(g, 5);
            Ops tf = l.tf;
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
            Map<String, Operand<?>> args = new java.util.LinkedHashMap<>();
            args.put("image", image);
            args.put("k1", l.variable("conv1/kernel", new long[] {3, 3, 1, 8}, 0.5));
            args.put("b1", l.variable("conv1/bias", new long[] {8}, 0.1));
            args.put("k2", l.variable("conv2/kernel", new long[] {3, 3, 8, 8}, 0.3));
            args.put("w", l.variable("dense/kernel", new long[] {8, CLASSES}, 0.5));
            args.put("b", l.variable("dense/bias", new long[] {CLASSES}, 0.1));
            Operand<?> logits = body.call(tf, args).get("logits");
            s.initialize();
            export(dir, s, Signature.builder().key(Signature.DEFAULT_KEY).input("image", image).output("logits", logits)
                    .build());
        }
        return dir;
    }

    private static Operand<TFloat32> activation(Ops tf, String type, Operand<TFloat32> x) {
        return switch (type) {
            case "Relu" -> tf.nn.relu(x);
            case "Elu" -> tf.nn.elu(x);
            default -> throw new IllegalArgumentException(type);
        };
    }

    private static void export(Path dir, Session s, Signature... signatures) {
        SessionFunction[] functions = Arrays.stream(signatures).map(sig -> SessionFunction.create(sig, s))
                .toArray(SessionFunction[]::new);
        try {
            SavedModelBundle.exporter(dir.toString()).withFunctions(functions).export();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keras-like layers with seeded weights held in resource variables. */
    private static final class Layers {
        final Ops tf;
        final Graph graph;
        final Random random;

        Layers(Graph graph, long seed) {
            this.graph = graph;
            this.tf = Ops.create(graph);
            this.random = new Random(seed);
        }

        /** Ops naming its next op {@code path}, e.g. "conv1/kernel" (TF Java wants sub-scopes for the slashes). */
        Ops at(String path) {
            String[] parts = path.split("/");
            Ops o = tf;
            for (int i = 0; i < parts.length - 1; i++) {
                o = o.withSubScope(parts[i]);
            }
            return o.withName(parts[parts.length - 1]);
        }

        Operand<TFloat32> conv(String name, Operand<TFloat32> x, int k, int in, int out, int stride, String padding) {
            Operand<TFloat32> w = variable(name + "/kernel", new long[] {k, k, in, out}, Math.sqrt(2.0 / (k * k * in)));
            Operand<TFloat32> y = at(name + "/Conv2D").nn.conv2d(x, w, List.of(1L, (long) stride, (long) stride, 1L),
                    padding);
            return at(name + "/BiasAdd").nn.biasAdd(y, variable(name + "/bias", new long[] {out}, 0.1));
        }

        Operand<TFloat32> depthwise(String name, Operand<TFloat32> x, int k, int channels, int stride) {
            Operand<TFloat32> w = variable(name + "/depthwise_kernel", new long[] {k, k, channels, 1}, Math.sqrt(2.0 / (k * k)));
            Operand<TFloat32> y = at(name + "/depthwise").nn.depthwiseConv2dNative(x, w,
                    List.of(1L, (long) stride, (long) stride, 1L), "SAME");
            return tf.nn.biasAdd(y, variable(name + "/bias", new long[] {channels}, 0.1));
        }

        /** Inference-mode batch norm with non-trivial statistics, so a wrong channel order shows. */
        Operand<TFloat32> batchNorm(String name, Operand<TFloat32> x, int channels) {
            long[] d = {channels};
            Operand<TFloat32> gamma = constant(d, uniform(channels, 0.5f, 1.5f));
            Operand<TFloat32> beta = constant(d, uniform(channels, -0.3f, 0.3f));
            Operand<TFloat32> mean = variable(name + "/moving_mean", d, 0.2);
            Operand<TFloat32> var = constant(d, uniform(channels, 0.5f, 2f));
            return FusedBatchNorm.create(at(name + "/FusedBatchNormV3").scope(), x, gamma, beta, mean, var,
                    FusedBatchNorm.epsilon(1e-3f), FusedBatchNorm.isTraining(false)).y();
        }

        Operand<TFloat32> dense(String name, Operand<TFloat32> x, int in, int out) {
            Operand<TFloat32> w = variable(name + "/kernel", new long[] {in, out}, Math.sqrt(2.0 / in));
            return at(name + "/BiasAdd").nn.biasAdd(at(name + "/MatMul").linalg.matMul(x, w),
                    variable(name + "/bias", new long[] {out}, 0.1));
        }

        /**
         * A classic (VariableV2) variable, which TF Java's exporter writes to the SavedModel's checkpoint and
         * TensorFlow restores on loading. (Resource variables, VarHandleOp + ReadVariableOp, are not saved by
         * TF Java's exporter: a model using them would not run after loading.)
         */
        Operand<TFloat32> variable(String name, long[] dims, double std) {
            return at(name).variable(constant(dims, gaussian(dims, std)));
        }

        Operand<TFloat32> constant(long[] dims, float... values) {
            return tf.constant(Shape.of(dims), DataBuffers.of(values));
        }

        float[] gaussian(long[] dims, double std) {
            float[] v = new float[(int) Shape.of(dims).size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (random.nextGaussian() * std);
            }
            return v;
        }

        float[] uniform(int n, float lo, float hi) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = lo + (hi - lo) * random.nextFloat();
            }
            return v;
        }

        /** An op by its TensorFlow name, for ops TF Java's Ops API spells differently from Keras. */
        Operand<TFloat32> raw(String type, String name, Operand<TFloat32> x, Operand<?> second) {
            return raw(type, name, x, second, b -> { });
        }

        Operand<TFloat32> raw(String type, String name, Operand<TFloat32> x, Operand<?> second,
                              java.util.function.Consumer<org.tensorflow.OperationBuilder> attrs) {
            org.tensorflow.OperationBuilder b = graph.opBuilder(type, name, tf.scope()).addInput(x.asOutput());
            if (second != null) {
                b.addInput(second.asOutput());
            }
            attrs.accept(b);
            Output<TFloat32> out = b.build().output(0);
            return out;
        }
    }
}

package org.compresslab.runtime.tensorflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.ShapeInferenceResult;
import org.compresslab.graph.Tensor;
import org.compresslab.onnx.OnnxReader;
import org.tensorflow.Operand;
import org.tensorflow.OperationBuilder;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.SessionFunction;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Assign;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.math.Mean;
import org.tensorflow.op.nn.FusedBatchNorm;
import org.tensorflow.types.TFloat32;

/**
 * Rebuilds a trained ONNX image classifier as a TensorFlow SavedModel laid out as Keras saves one, so the
 * SavedModel import can be measured on networks whose accuracy means something: NHWC activations, HWIO
 * kernels (depthwise kernels [kh, kw, C, 1]), BiasAdd after each layer, FusedBatchNormV3 in inference mode,
 * Relu6, AddV2 for residuals, Mean over H and W for global pooling, a [in, out] dense kernel reading the
 * NHWC flatten, and every weight in a VariableV2 restored from the checkpoint.
 *
 * <p>It converts Conv (group 1 and depthwise), BatchNormalization, Relu, Clip(0, 6), Add of two
 * activations, GlobalAveragePool, Flatten, Gemm and MaxPool; anything else is refused. The TensorFlow model
 * computes the ONNX model's function: explicit ONNX pads become TensorFlow's SAME only where SAME places
 * the windows exactly where they were (same leading pad, same output size), VALID where there are none, and
 * otherwise an explicit Pad (zeros for a convolution, -∞ for max pooling) before a VALID layer, as Keras's
 * ZeroPadding2D does.
 *
 * <p>The signature is "serving_default" with one input, "image" [-1, H, W, C], and one output, "logits".
 * The ONNX model's {@value PreprocessingSidecar#METADATA_KEY} metadata, when present, is written beside
 * saved_model.pb as {@value PreprocessingSidecar#FILE_NAME}.
 *
 * <p>{@code main} converts the file given as first argument into the folder given as second
 * (scripts/make-savedmodel-sample.sh, bench/run-savedmodel.sh).
 */
public final class OnnxToSavedModel {
    public static final String INPUT_KEY = "image";
    public static final String OUTPUT_KEY = "logits";
    private static final Pattern INVALID_NAME_CHARS = Pattern.compile("[^A-Za-z0-9_.\\-]");

    private final Graph onnx;
    private final ShapeInferenceResult shapes;
    private final Ops tf;
    private final Map<String, Value> values = new HashMap<>();
    private final List<InitialValue> initialValues = new ArrayList<>();
    private int unnamed;

    /**
     * A converted ONNX value. {@code tensor} is NHWC where the ONNX value is a 4-D NCHW map; {@code flattenedHwc}
     * is [H, W, C] when it is a map flattened in NHWC order (which a dense layer must read with permuted rows);
     * {@code pooled} when it is a global average pool kept 2-D as Keras keeps it (ONNX: [N, C, 1, 1]).
     */
    private record Value(Operand<TFloat32> tensor, long[] flattenedHwc, boolean pooled) {
        static Value of(Operand<TFloat32> t) {
            return new Value(t, null, false);
        }
    }

    private OnnxToSavedModel(Graph onnx, org.tensorflow.Graph graph) {
        this.onnx = onnx;
        this.shapes = ShapeInference.infer(onnx, 1);
        this.tf = Ops.create(graph);
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: OnnxToSavedModel <model.onnx> <output folder>");
            System.exit(2);
        }
        Path out = write(Path.of(args[0]), Path.of(args[1]));
        System.out.println("wrote the SavedModel " + out.toAbsolutePath());
    }

    /** Writes the SavedModel of {@code onnxFile} into {@code dir}, which must not exist or be empty. */
    public static Path write(Path onnxFile, Path dir) {
        return write(OnnxReader.read(onnxFile), dir);
    }

    public static Path write(Graph onnx, Path dir) {
        if (onnx.runtimeInputs().size() != 1 || onnx.outputs().size() != 1) {
            throw new IllegalArgumentException("only models with one input and one output are converted; this one has "
                    + onnx.runtimeInputs().size() + " inputs and " + onnx.outputs().size() + " outputs");
        }
        try (org.tensorflow.Graph g = new org.tensorflow.Graph(); Session s = new Session(g)) {
            OnnxToSavedModel c = new OnnxToSavedModel(onnx, g);
            Placeholder<TFloat32> image = c.input();
            Operand<TFloat32> logits = c.convertNodes();
            c.assignWeights(s);
            try {
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(Signature.builder()
                        .key(Signature.DEFAULT_KEY).input(INPUT_KEY, image).output(OUTPUT_KEY, logits).build(), s)).export();
                String prep = onnx.metadata().get(PreprocessingSidecar.METADATA_KEY);
                if (prep != null) {
                    Files.writeString(dir.resolve(PreprocessingSidecar.FILE_NAME), prep + "\n", StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private Placeholder<TFloat32> input() {
        long[] nchw = onnx.runtimeInputs().get(0).shape().dims();
        if (nchw.length != 4) {
            throw new IllegalArgumentException("the model's input is not an [N, C, H, W] image");
        }
        Placeholder<TFloat32> image = tf.withName(INPUT_KEY).placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(-1, nchw[2], nchw[3], nchw[1])));
        values.put(onnx.runtimeInputs().get(0).name(), Value.of(image));
        return image;
    }

    private Operand<TFloat32> convertNodes() {
        for (Node n : onnx.nodes()) {
            Ops at = layer(n);
            Value y = switch (n.opType()) {
                case "Conv" -> conv(at, n);
                case "BatchNormalization" -> batchNorm(at, n);
                case "Relu" -> Value.of(at.withName("Relu").nn.relu(in(n, 0)));
                case "Clip" -> clip(at, n);
                case "Add" -> add(at, n);
                case "GlobalAveragePool" -> globalAveragePool(at, n);
                case "Flatten" -> flatten(at, n);
                case "Gemm" -> gemm(at, n);
                case "MaxPool" -> maxPool(at, n);
                default -> throw new IllegalArgumentException("the node '" + n.label() + "' is a " + n.opType()
                        + ", which OnnxToSavedModel does not convert");
            };
            values.put(n.output(0), y);
        }
        Value out = value(onnx.outputs().get(0).name());
        if (out.flattenedHwc() != null || out.pooled()) {
            throw new IllegalArgumentException("the model's output is a flattened map, which would come out in NHWC order");
        }
        return tf.withName(OUTPUT_KEY).identity(out.tensor());
    }

    /** Ops naming the layer's ops under the ONNX node's name, e.g. "stem.conv/kernel"; "/0/Conv" becomes 0/Conv/…. */
    private Ops layer(Node n) {
        String name = n.name() == null || n.name().isBlank() ? n.opType() + "_" + unnamed++ : n.name();
        Ops o = tf;
        for (String part : name.split("/")) {
            if (!part.isEmpty()) {
                String clean = INVALID_NAME_CHARS.matcher(part).replaceAll("_");
                o = o.withSubScope(Character.isLetterOrDigit(clean.charAt(0)) ? clean : "x" + clean);
            }
        }
        return o;
    }

    private Value value(String name) {
        Value v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the value '" + name + "' is not computed by a converted node"
                    + (onnx.isInitializer(name) ? " (it is a weight where an activation is expected)" : ""));
        }
        return v;
    }

    /** An activation input that is a plain tensor (not a flattened or pooled view that needs its reader's care). */
    private Operand<TFloat32> in(Node n, int i) {
        Value v = value(n.input(i));
        if (v.flattenedHwc() != null || v.pooled()) {
            throw new IllegalArgumentException("the node '" + n.label() + "' reads a flattened or pooled feature map,"
                    + " which only Gemm (after Flatten) reads in the ONNX order here");
        }
        return v.tensor();
    }

    private Tensor weight(Node n, int i) {
        return onnx.initializer(n.input(i)).orElseThrow(() -> new IllegalArgumentException("the input " + i
                + " of '" + n.label() + "' is not a weight"));
    }

    private Optional<Tensor> optionalWeight(Node n, int i) {
        return n.hasInput(i) && !n.input(i).isEmpty() ? Optional.of(weight(n, i)) : Optional.empty();
    }

    /** [N, C, H, W] of an ONNX value, from shape inference at batch 1. */
    private long[] dims(String value) {
        long[] d = shapes.dims(value);
        if (d == null) {
            throw new IllegalArgumentException("the shape of '" + value + "' is unknown: " + shapes.problems());
        }
        return d;
    }

    private Value conv(Ops at, Node n) {
        Tensor w = weight(n, 1);
        long[] oihw = w.dims();
        long[] inShape = dims(n.input(0));
        long channels = inShape[1];
        long group = n.intAttr("group", 1);
        requireOnes(n, "dilations");
        long[] kernel = {oihw[2], oihw[3]};
        long[] strides = attrOr(n, "strides", 1, 1);
        Operand<TFloat32> x = in(n, 0);
        String padding = padding(n, inShape, kernel, strides);
        if (padding.equals("EXPLICIT")) {
            x = zeroPad(at, x, attrOr(n, "pads", 0, 0, 0, 0));
            padding = "VALID";
        }
        List<Long> stride4 = List.of(1L, strides[0], strides[1], 1L);
        Operand<TFloat32> y;
        if (group == 1) {
            Operand<TFloat32> k = variable(at, "kernel", new long[] {oihw[2], oihw[3], oihw[1], oihw[0]},
                    oihwToHwio(w.toFloats(), oihw));
            y = at.withName("Conv2D").nn.conv2d(x, k, stride4, padding);
        } else if (group == channels && oihw[1] == 1) {
            long multiplier = oihw[0] / channels;
            Operand<TFloat32> k = variable(at, "depthwise_kernel", new long[] {oihw[2], oihw[3], channels, multiplier},
                    oihwToDepthwise(w.toFloats(), oihw, channels));
            y = at.withName("depthwise").nn.depthwiseConv2dNative(x, k, stride4, padding);
        } else {
            throw new IllegalArgumentException("the convolution '" + n.label() + "' has " + group + " groups over "
                    + channels + " channels: only ordinary and depthwise convolutions are converted");
        }
        Optional<Tensor> bias = optionalWeight(n, 2);
        if (bias.isPresent()) {
            y = at.withName("BiasAdd").nn.biasAdd(y, variable(at, "bias", bias.get().dims(), bias.get().toFloats()));
        }
        return Value.of(y);
    }

    /**
     * SAME when it places every window where the ONNX pads do (same leading pad and output size, so any
     * trailing difference only touches padding), VALID when there are no pads, EXPLICIT otherwise.
     */
    private static String padding(Node n, long[] nchw, long[] kernel, long[] strides) {
        if (!n.stringAttr("auto_pad", "NOTSET").equals("NOTSET")) {
            throw new IllegalArgumentException("the node '" + n.label() + "' uses auto_pad, which is not converted");
        }
        long[] pads = attrOr(n, "pads", 0, 0, 0, 0);
        if (pads[0] == 0 && pads[1] == 0 && pads[2] == 0 && pads[3] == 0) {
            return "VALID";
        }
        boolean same = true;
        for (int axis = 0; axis < 2; axis++) {
            long in = nchw[2 + axis];
            long[] tfPads = NhwcToNchw.samePads(in, kernel[axis], strides[axis], 1);
            long onnxOut = (in + pads[axis] + pads[2 + axis] - kernel[axis]) / strides[axis] + 1;
            long sameOut = (in + strides[axis] - 1) / strides[axis];
            same &= tfPads[0] == pads[axis] && onnxOut == sameOut;
        }
        return same ? "SAME" : "EXPLICIT";
    }

    private Operand<TFloat32> zeroPad(Ops at, Operand<TFloat32> x, long[] pads) {
        OperationBuilder b = at.withSubScope("zero_padding").scope().opBuilder("Pad", "Pad")
                .addInput(x.asOutput()).addInput(paddings(at, pads).asOutput());
        return b.build().output(0);
    }

    private Operand<org.tensorflow.types.TInt32> paddings(Ops at, long[] pads) {
        return at.withSubScope("zero_padding").withName("paddings").constant(new int[][] {{0, 0},
                {(int) pads[0], (int) pads[2]}, {(int) pads[1], (int) pads[3]}, {0, 0}});
    }

    private Value batchNorm(Ops at, Node n) {
        long c = weight(n, 1).elementCount();
        long[] d = {c};
        Operand<TFloat32> gamma = variable(at, "gamma", d, weight(n, 1).toFloats());
        Operand<TFloat32> beta = variable(at, "beta", d, weight(n, 2).toFloats());
        Operand<TFloat32> mean = variable(at, "moving_mean", d, weight(n, 3).toFloats());
        Operand<TFloat32> var = variable(at, "moving_variance", d, weight(n, 4).toFloats());
        float epsilon = n.floatAttr("epsilon", 1e-5f);
        return Value.of(FusedBatchNorm.create(at.withName("FusedBatchNormV3").scope(), in(n, 0), gamma, beta, mean,
                var, FusedBatchNorm.epsilon(epsilon), FusedBatchNorm.isTraining(false)).y());
    }

    /** Clip(0, 6) is Keras's ReLU6 and Clip(0, ∞) its ReLU; other bounds have no Keras activation and are refused. */
    private Value clip(Ops at, Node n) {
        float min = bound(n, 1, "min", Float.NEGATIVE_INFINITY);
        float max = bound(n, 2, "max", Float.POSITIVE_INFINITY);
        if (min == 0f && max == 6f) {
            return Value.of(at.withName("Relu6").nn.relu6(in(n, 0)));
        }
        if (min == 0f && max == Float.POSITIVE_INFINITY) {
            return Value.of(at.withName("Relu").nn.relu(in(n, 0)));
        }
        throw new IllegalArgumentException("the Clip '" + n.label() + "' bounds to [" + min + ", " + max
                + "]; only ReLU6 (0, 6) and ReLU (0, ∞) are converted");
    }

    private float bound(Node n, int input, String attr, float none) {
        if (n.attribute(attr).isPresent()) {
            return n.floatAttr(attr, none);
        }
        return optionalWeight(n, input).map(t -> t.toFloats()[0]).orElse(none);
    }

    private Value add(Ops at, Node n) {
        long[] a = dims(n.input(0));
        long[] b = dims(n.input(1));
        if (!java.util.Arrays.equals(a, b)) {
            throw new IllegalArgumentException("the Add '" + n.label() + "' broadcasts; only residual Adds of equal"
                    + " shapes are converted");
        }
        return Value.of(at.scope().opBuilder("AddV2", "AddV2").addInput(in(n, 0).asOutput())
                .addInput(in(n, 1).asOutput()).build().output(0));
    }

    /**
     * Keras's GlobalAveragePooling2D: a Mean over H and W that drops them, when only Flatten reads the
     * pool (the ONNX [N, C, 1, 1] flattens to the same [N, C]); otherwise keeping them.
     */
    private Value globalAveragePool(Ops at, Node n) {
        boolean onlyFlattened = onnx.consumers(n.output(0)).stream().allMatch(c -> c.opType().equals("Flatten"))
                && onnx.outputs().stream().noneMatch(o -> o.name().equals(n.output(0)));
        Operand<TFloat32> y = at.withName("Mean").math.mean(in(n, 0), at.constant(new int[] {1, 2}),
                Mean.keepDims(!onlyFlattened));
        return new Value(y, null, onlyFlattened);
    }

    /** A 4-D map flattens in NHWC order (as Keras's Flatten does); the Gemm that reads it permutes its rows. */
    private Value flatten(Ops at, Node n) {
        if (n.intAttr("axis", 1) != 1) {
            throw new IllegalArgumentException("the Flatten '" + n.label() + "' has an axis other than 1");
        }
        Value x = value(n.input(0));
        if (x.pooled()) {
            return Value.of(x.tensor());
        }
        long[] d = dims(n.input(0));
        if (d.length == 2) {
            return x;
        }
        if (d.length != 4) {
            throw new IllegalArgumentException("the Flatten '" + n.label() + "' flattens a rank-" + d.length + " tensor");
        }
        Operand<TFloat32> y = at.withName("Reshape").reshape(in(n, 0), at.constant(new int[] {-1, (int) (d[1] * d[2] * d[3])}));
        return d[2] * d[3] == 1 ? Value.of(y) : new Value(y, new long[] {d[2], d[3], d[1]}, false);
    }

    private Value gemm(Ops at, Node n) {
        if (n.floatAttr("alpha", 1f) != 1f || n.floatAttr("beta", 1f) != 1f || n.intAttr("transA", 0) != 0) {
            throw new IllegalArgumentException("the Gemm '" + n.label() + "' scales or transposes its input; only a"
                    + " plain dense layer is converted");
        }
        Value x = value(n.input(0));
        if (x.pooled()) {
            throw new IllegalArgumentException("the Gemm '" + n.label() + "' reads a pooled map without a Flatten");
        }
        Tensor w = weight(n, 1);
        boolean transB = n.intAttr("transB", 0) == 1;
        int in = (int) (transB ? w.dim(1) : w.dim(0));
        int out = (int) (transB ? w.dim(0) : w.dim(1));
        float[] kernel = transB ? NhwcToNchw.transpose(w.toFloats(), out, in) : w.toFloats(); // [in, out]
        if (x.flattenedHwc() != null) {
            kernel = nhwcRows(kernel, x.flattenedHwc(), out);
        }
        Operand<TFloat32> y = at.withName("MatMul").linalg.matMul(x.tensor(), variable(at, "kernel", new long[] {in, out},
                kernel));
        Optional<Tensor> bias = optionalWeight(n, 2);
        if (bias.isPresent()) {
            if (bias.get().elementCount() != out) {
                throw new IllegalArgumentException("the Gemm '" + n.label() + "' has a bias that is not one per output");
            }
            y = at.withName("BiasAdd").nn.biasAdd(y, variable(at, "bias", new long[] {out}, bias.get().toFloats()));
        }
        return Value.of(y);
    }

    /**
     * The ONNX dense weight [C·H·W, out] reads the NCHW flatten; the Keras kernel reads the NHWC flatten, so
     * its row (y·W + x)·C + c is the ONNX row c·H·W + y·W + x.
     */
    static float[] nhwcRows(float[] nchwRows, long[] hwc, int out) {
        int h = (int) hwc[0];
        int w = (int) hwc[1];
        int c = (int) hwc[2];
        float[] r = new float[nchwRows.length];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    System.arraycopy(nchwRows, ((k * h + y) * w + x) * out, r, ((y * w + x) * c + k) * out, out);
                }
            }
        }
        return r;
    }

    private Value maxPool(Ops at, Node n) {
        if (n.intAttr("ceil_mode", 0) != 0 || n.intAttr("storage_order", 0) != 0 || n.outputs().size() > 1) {
            throw new IllegalArgumentException("the MaxPool '" + n.label() + "' uses ceil_mode, storage_order or"
                    + " indices, which are not converted");
        }
        requireOnes(n, "dilations");
        long[] kernel = n.intsAttr("kernel_shape");
        long[] strides = attrOr(n, "strides", 1, 1);
        Operand<TFloat32> x = in(n, 0);
        String padding = padding(n, dims(n.input(0)), kernel, strides);
        if (padding.equals("EXPLICIT")) {
            // padding never wins a max: -∞, as ONNX leaves padded positions out of the max
            x = at.withSubScope("padding").withName("PadV2").pad(x, paddings(at, attrOr(n, "pads", 0, 0, 0, 0)),
                    at.constant(Float.NEGATIVE_INFINITY));
            padding = "VALID";
        }
        OperationBuilder b = at.scope().opBuilder("MaxPool", "MaxPool").addInput(x.asOutput())
                .setAttr("ksize", new long[] {1, kernel[0], kernel[1], 1})
                .setAttr("strides", new long[] {1, strides[0], strides[1], 1}).setAttr("padding", padding);
        return Value.of(b.build().output(0));
    }

    private static long[] attrOr(Node n, String name, long... defaults) {
        return n.attribute(name).isPresent() ? n.intsAttr(name) : defaults;
    }

    private static void requireOnes(Node n, String attr) {
        for (long d : attrOr(n, attr, 1, 1)) {
            if (d != 1) {
                throw new IllegalArgumentException("the node '" + n.label() + "' has " + attr + " other than 1");
            }
        }
    }

    static float[] oihwToHwio(float[] v, long[] oihw) {
        int o = (int) oihw[0];
        int in = (int) oihw[1];
        int kh = (int) oihw[2];
        int kw = (int) oihw[3];
        float[] r = new float[v.length];
        for (int a = 0; a < o; a++) {
            for (int i = 0; i < in; i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        r[((y * kw + x) * in + i) * o + a] = v[((a * in + i) * kh + y) * kw + x];
                    }
                }
            }
        }
        return r;
    }

    /** ONNX depthwise [C·M, 1, kh, kw] (output channel c·M + m) to TensorFlow's [kh, kw, C, M]. */
    static float[] oihwToDepthwise(float[] v, long[] oihw, long channels) {
        int c = (int) channels;
        int m = (int) (oihw[0] / channels);
        int kh = (int) oihw[2];
        int kw = (int) oihw[3];
        float[] r = new float[v.length];
        for (int k = 0; k < c; k++) {
            for (int j = 0; j < m; j++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        r[((y * kw + x) * c + k) * m + j] = v[((k * m + j) * kh + y) * kw + x];
                    }
                }
            }
        }
        return r;
    }

    /**
     * A VariableV2, which TF Java's exporter saves in the checkpoint (see TensorFlowSavedModels). Its value is
     * fed once through a placeholder rather than held in a constant initializer, so saved_model.pb does not
     * carry a second copy of every weight (Keras's graphs hold none either).
     */
    private Operand<TFloat32> variable(Ops scope, String name, long[] dims, float[] values) {
        Variable<TFloat32> v = scope.withName(name).variable(Shape.of(dims), TFloat32.class);
        Ops init = scope.withSubScope(name);
        Placeholder<TFloat32> value = init.withName("initial_value").placeholder(TFloat32.class,
                Placeholder.shape(Shape.of(dims)));
        initialValues.add(new InitialValue(value, init.withName("Assign").assign(v, value), dims, values));
        return v;
    }

    private record InitialValue(Placeholder<TFloat32> placeholder, Assign<TFloat32> assign, long[] dims, float[] values) {
    }

    private void assignWeights(Session s) {
        for (InitialValue iv : initialValues) {
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(iv.dims()), DataBuffers.of(iv.values(), true, false))) {
                s.runner().feed(iv.placeholder(), t).addTarget(iv.assign()).run();
            }
        }
    }
}

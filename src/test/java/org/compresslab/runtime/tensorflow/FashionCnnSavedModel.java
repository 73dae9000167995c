package org.compresslab.runtime.tensorflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Tensor;
import org.compresslab.onnx.OnnxReader;
import org.tensorflow.Operand;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.SessionFunction;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The trained Fashion-MNIST CNN of src/test/resources/fixtures/fashion_cnn.onnx rebuilt as a TensorFlow
 * SavedModel laid out as Keras saves one (NHWC input, HWIO kernels, a [784, 10] dense kernel reading the
 * NHWC flatten, weights in variables restored from the checkpoint), so it computes the ONNX model's
 * function and its accuracy can be checked against the recorded PyTorch predictions.
 *
 * <p>Beside saved_model.pb it writes {@value PreprocessingSidecar#FILE_NAME}, the ONNX model's
 * preprocessing, which {@link SavedModelImporter} puts into the imported graph's metadata.
 *
 * <p>{@code main} writes it to the folder given as argument (scripts/make-savedmodel-sample.sh).
 */
public final class FashionCnnSavedModel {
    private static final int SIZE = 28;

    private FashionCnnSavedModel() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: FashionCnnSavedModel <fashion_cnn.onnx> <output folder>");
            System.exit(2);
        }
        Path out = write(Path.of(args[0]), Path.of(args[1]));
        System.out.println("wrote the SavedModel " + out.toAbsolutePath());
    }

    /** Writes the SavedModel of {@code onnxFile} (the fashion_cnn fixture) into {@code dir}, which must not exist or be empty. */
    public static Path write(Path onnxFile, Path dir) {
        Graph onnx = OnnxReader.read(onnxFile);
        try (org.tensorflow.Graph g = new org.tensorflow.Graph(); Session s = new Session(g)) {
            Ops tf = Ops.create(g);
            Placeholder<TFloat32> image = tf.withName("image").placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, SIZE, SIZE, 1)));
            Operand<TFloat32> x = conv(tf, "conv1", image, weight(onnx, "0.weight"), weight(onnx, "0.bias"));
            x = maxPool(tf, "pool1", tf.nn.relu(x));
            x = conv(tf, "conv2", x, weight(onnx, "3.weight"), weight(onnx, "3.bias"));
            x = maxPool(tf, "pool2", tf.nn.relu(x)); // [N, 7, 7, 16]
            Operand<TFloat32> flat = tf.withSubScope("flatten").withName("Reshape").reshape(x,
                    tf.constant(new int[] {-1, 7 * 7 * 16}));
            Operand<TFloat32> logits = dense(tf, "dense", flat, weight(onnx, "7.weight"), weight(onnx, "7.bias"), 7, 7, 16);
            logits = tf.withName("logits").identity(logits);
            s.initialize();
            try {
                SavedModelBundle.exporter(dir.toString()).withFunction(SessionFunction.create(Signature.builder()
                        .key(Signature.DEFAULT_KEY).input("image", image).output("logits", logits).build(), s)).export();
                String prep = onnx.metadata().get(PreprocessingSidecar.METADATA_KEY);
                if (prep == null) {
                    throw new IllegalArgumentException(onnxFile + " has no " + PreprocessingSidecar.METADATA_KEY + " metadata");
                }
                Files.writeString(dir.resolve(PreprocessingSidecar.FILE_NAME), prep + "\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static Tensor weight(Graph onnx, String name) {
        return onnx.initializer(name).orElseThrow(() -> new IllegalArgumentException("the ONNX model has no " + name));
    }

    /** A 3×3 'same' convolution: PyTorch's padding 1 is what TensorFlow's SAME gives at stride 1. */
    private static Operand<TFloat32> conv(Ops tf, String name, Operand<TFloat32> x, Tensor oihw, Tensor bias) {
        long[] d = oihw.dims();
        long[] hwio = {d[2], d[3], d[1], d[0]};
        float[] w = oihwToHwio(oihw.toFloats(), d);
        Ops at = tf.withSubScope(name);
        Operand<TFloat32> kernel = variable(at, "kernel", hwio, w);
        Operand<TFloat32> y = at.withName("Conv2D").nn.conv2d(x, kernel, List.of(1L, 1L, 1L, 1L), "SAME");
        return at.withName("BiasAdd").nn.biasAdd(y, variable(at, "bias", bias.dims(), bias.toFloats()));
    }

    private static Operand<TFloat32> maxPool(Ops tf, String name, Operand<TFloat32> x) {
        return tf.withName(name).nn.maxPool(x, tf.constant(new int[] {1, 2, 2, 1}), tf.constant(new int[] {1, 2, 2, 1}),
                "VALID");
    }

    /**
     * PyTorch's Linear weight [out, C·H·W] reads the NCHW flatten; the Keras-style kernel [H·W·C, out] reads
     * the NHWC flatten, so its row (y·W + x)·C + c is PyTorch's column c·H·W + y·W + x.
     */
    private static Operand<TFloat32> dense(Ops tf, String name, Operand<TFloat32> x, Tensor weight, Tensor bias,
                                           int h, int w, int c) {
        int out = (int) weight.dims()[0];
        float[] torch = weight.toFloats();
        float[] kernel = new float[torch.length];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int xx = 0; xx < w; xx++) {
                    int nchwColumn = (k * h + y) * w + xx;
                    int nhwcRow = (y * w + xx) * c + k;
                    for (int o = 0; o < out; o++) {
                        kernel[nhwcRow * out + o] = torch[o * (h * w * c) + nchwColumn];
                    }
                }
            }
        }
        Ops at = tf.withSubScope(name);
        Operand<TFloat32> k = variable(at, "kernel", new long[] {(long) h * w * c, out}, kernel);
        return at.withName("BiasAdd").nn.biasAdd(at.withName("MatMul").linalg.matMul(x, k),
                variable(at, "bias", bias.dims(), bias.toFloats()));
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

    /** A VariableV2 (TF Java's exporter saves these in the checkpoint; see TensorFlowSavedModels). */
    private static Operand<TFloat32> variable(Ops scope, String name, long[] dims, float[] values) {
        return scope.withName(name).variable(scope.constant(Shape.of(dims), DataBuffers.of(values, true, false)));
    }
}

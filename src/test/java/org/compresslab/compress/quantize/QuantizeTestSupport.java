package org.compresslab.compress.quantize;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.compresslab.TestFiles;
import org.compresslab.compress.CompressionContext;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/** Sample models, a context, and float-vs-compressed comparisons in ONNX Runtime for the quantize tests. */
final class QuantizeTestSupport {
    private QuantizeTestSupport() {
    }

    static ModelFile sampleModel(String file) {
        return ModelFile.load(TestFiles.projectRoot().resolve("sample-models").resolve(file));
    }

    /** These techniques use no data; any valid context will do. */
    static CompressionContext context(Preprocessing preprocessing) {
        ImageDataset test = Datasets.fashionMnist("test");
        return new CompressionContext(preprocessing, test, test, RuntimeOptions.defaults(), 1, null, null, null);
    }

    static CompressionContext context() {
        return context(Preprocessing.unnormalized(28, 28, 1));
    }

    /** How two models' logits compare on the same images. */
    record Comparison(int images, int sameTop1, double maxAbsDiff, double maxAbsLogit) {
        double agreement() {
            return (double) sameTop1 / images;
        }
    }

    /** Both models on the first {@code images} Fashion-MNIST test images, in ONNX Runtime. */
    static Comparison compareOnFashionMnist(byte[] reference, byte[] candidate, Preprocessing prep, int images) {
        int same = 0;
        int seen = 0;
        double maxDiff = 0;
        double maxLogit = 0;
        try (OnnxRuntimeBackend a = new OnnxRuntimeBackend(reference, RuntimeOptions.defaults());
             OnnxRuntimeBackend b = new OnnxRuntimeBackend(candidate, RuntimeOptions.defaults());
             BatchStream batches = new BatchStream(Datasets.fashionMnist("test"), prep, 100, images)) {
            while (batches.hasNext()) {
                Batch batch = batches.next();
                BackendOutput ra = a.run(batch.data(), batch.shape());
                BackendOutput rb = b.run(batch.data(), batch.shape());
                int k = ra.rowLength();
                for (int i = 0; i < batch.size(); i++) {
                    if (argmax(ra.data(), i * k, k) == argmax(rb.data(), i * k, k)) {
                        same++;
                    }
                    seen++;
                }
                maxDiff = Math.max(maxDiff, maxAbsDiff(ra.data(), rb.data()));
                for (float v : ra.data()) {
                    maxLogit = Math.max(maxLogit, Math.abs(v));
                }
            }
        }
        return new Comparison(seen, same, maxDiff, maxLogit);
    }

    /** How two models' first outputs differ on one random input. */
    record Difference(double maxAbsDiff, double maxAbsReference) {
        double relative() {
            return maxAbsDiff / maxAbsReference;
        }
    }

    /** The two models' first outputs on a seeded standard-normal input of the given shape. */
    static Difference compareOnRandomInput(Graph reference, Graph candidate, long[] shape, long seed) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] x = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        try (OnnxRuntimeBackend a = new OnnxRuntimeBackend(OnnxWriter.toBytes(reference), RuntimeOptions.defaults());
             OnnxRuntimeBackend b = new OnnxRuntimeBackend(OnnxWriter.toBytes(candidate), RuntimeOptions.defaults())) {
            float[] expected = a.run(x, shape).data();
            double magnitude = 0;
            for (float v : expected) {
                magnitude = Math.max(magnitude, Math.abs(v));
            }
            return new Difference(maxAbsDiff(expected, b.run(x, shape).data()), magnitude);
        }
    }

    /** Op types of the model ONNX Runtime actually runs after its EXTENDED-level fusions. */
    static List<String> optimizedOpTypes(byte[] model) throws IOException, OrtException {
        Path out = Files.createTempFile("compresslab-optimized", ".onnx");
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
            so.setOptimizedModelFilePath(out.toString());
            try (OrtSession ignored = OrtEnvironment.getEnvironment().createSession(model, so)) {
                return OnnxReader.read(out).nodes().stream().map(Node::opType).toList();
            }
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new AssertionError("outputs differ in size: " + a.length + " vs " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    private static int argmax(float[] v, int from, int length) {
        int best = 0;
        for (int j = 1; j < length; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }
}

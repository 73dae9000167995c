package org.compresslab.compress;

import java.nio.file.Path;
import org.compresslab.TestFiles;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/** Sample models, contexts and a quick ORT accuracy/agreement probe for technique tests. */
public final class CompressionFixtures {
    private static ImageDataset train;
    private static ImageDataset test;

    private CompressionFixtures() {
    }

    public static ModelFile sample(String name) {
        return ModelFile.load(TestFiles.projectRoot().resolve("sample-models").resolve(name + ".onnx"));
    }

    public static Path samplePath(String name) {
        return TestFiles.projectRoot().resolve("sample-models").resolve(name + ".onnx");
    }

    public static synchronized ImageDataset trainData() {
        if (train == null) {
            train = Datasets.fashionMnist("train");
        }
        return train;
    }

    public static synchronized ImageDataset testData() {
        if (test == null) {
            test = Datasets.fashionMnist("test");
        }
        return test;
    }

    public static CompressionContext context(ModelFile model) {
        return new CompressionContext(model.preprocessing().orElseThrow(), trainData(), testData(),
                RuntimeOptions.defaults(), 1, null, null, null);
    }

    /** Top-1 predictions of a graph on the first {@code n} test images, by ONNX Runtime. */
    public static int[] predictions(Graph g, Preprocessing prep, int n) {
        int[] out = new int[n];
        try (OnnxRuntimeBackend backend = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults());
             BatchStream batches = new BatchStream(testData(), prep, 100, n)) {
            int seen = 0;
            while (batches.hasNext()) {
                Batch b = batches.next();
                BackendOutput o = backend.run(b.data(), b.shape());
                int k = o.rowLength();
                for (int i = 0; i < b.size(); i++) {
                    int best = 0;
                    for (int c = 1; c < k; c++) {
                        if (o.data()[i * k + c] > o.data()[i * k + best]) {
                            best = c;
                        }
                    }
                    out[seen + i] = best;
                }
                seen += b.size();
            }
        }
        return out;
    }

    public static double accuracy(int[] predictions) {
        int correct = 0;
        for (int i = 0; i < predictions.length; i++) {
            if (predictions[i] == testData().get(i).label()) {
                correct++;
            }
        }
        return correct / (double) predictions.length;
    }

    public static double agreement(int[] a, int[] b) {
        int same = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] == b[i]) {
                same++;
            }
        }
        return same / (double) a.length;
    }

    /** A real evaluation of a sample on the first {@code limit} test images (accuracy, then {@code runs} timed runs). */
    public static org.compresslab.eval.EvaluationResult evaluate(ModelFile m, int limit, int runs) {
        return new org.compresslab.eval.Evaluator().evaluate(m, testData(), m.preprocessing().orElseThrow(),
                org.compresslab.eval.EvaluationSettings.defaults().withLimit(limit).withRuns(runs),
                org.compresslab.progress.ProgressListener.NONE, org.compresslab.progress.CancellationToken.NEVER);
    }

    /** The first output for one batch of the first {@code n} test images. */
    public static float[] outputs(Graph g, Preprocessing prep, int n) {
        try (OnnxRuntimeBackend backend = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults());
             BatchStream batches = new BatchStream(testData(), prep, n, n)) {
            Batch b = batches.next();
            return backend.run(b.data(), b.shape()).data();
        }
    }
}

package org.compresslab.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceException;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavedModelImporterTest {
    private static final long[] BATCH = {3, 1, TensorFlowSavedModels.SIZE, TensorFlowSavedModels.SIZE};

    @TempDir
    static Path dir;
    private static Path cnn;
    private static Graph imported;

    @BeforeAll
    static void buildAndImport() {
        cnn = TensorFlowSavedModels.smallCnn(dir.resolve("small-cnn"));
        imported = SavedModelImporter.importSavedModel(cnn);
    }

    static float[] randomImages(long[] shape, long seed) {
        Random r = new Random(seed);
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextFloat();
        }
        return x;
    }

    static double maxAbsDifference(BackendOutput a, BackendOutput b) {
        assertThat(a.shape()).isEqualTo(b.shape());
        double worst = 0;
        for (int i = 0; i < a.data().length; i++) {
            worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
        }
        return worst;
    }

    @Test
    void importedGraphGivesTheSameOutputsAsTensorFlowWithin1e4() {
        for (String signature : List.of("serving_default", "logits")) {
            Graph g = signature.equals("logits") ? SavedModelImporter.importSavedModel(cnn, "serve", "logits") : imported;
            byte[] onnx = OnnxWriter.toBytes(g);
            double worst = 0;
            double largest = 0;
            try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(onnx, RuntimeOptions.defaults());
                 TensorFlowBackend tf = new TensorFlowBackend(cnn, "serve", signature, RuntimeOptions.defaults())) {
                for (int seed = 0; seed < 4; seed++) {
                    float[] x = randomImages(BATCH, seed);
                    BackendOutput expected = tf.run(x, BATCH);
                    BackendOutput actual = ort.run(x, BATCH);
                    worst = Math.max(worst, maxAbsDifference(expected, actual));
                    for (float v : expected.data()) {
                        largest = Math.max(largest, Math.abs(v));
                    }
                }
            }
            System.out.printf("signature %s: max |ORT - TF| = %.3g (largest |output| %.3g)%n", signature, worst, largest);
            assertThat(worst).as(signature).isLessThanOrEqualTo(1e-4);
            if (signature.equals("logits")) {
                assertThat(largest).as("logits large enough that a wrong weight layout would show").isGreaterThan(1);
            }
        }
    }

    @Test
    void theLessCommonOpsConvertToTheSameOutputsToo() {
        Path model = TensorFlowSavedModels.moreOps(dir.resolve("more-ops"));
        Graph g = SavedModelImporter.importSavedModel(model);

        assertThat(GraphValidator.problems(g)).isEmpty();
        double worst = 0;
        int unsaturated = 0;
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults());
             TensorFlowBackend tf = new TensorFlowBackend(model, RuntimeOptions.defaults())) {
            for (int seed = 0; seed < 3; seed++) {
                float[] x = randomImages(BATCH, 20 + seed);
                BackendOutput expected = tf.run(x, BATCH);
                worst = Math.max(worst, maxAbsDifference(expected, ort.run(x, BATCH)));
                for (float v : expected.data()) {
                    unsaturated += Math.abs(v) < 0.9 ? 1 : 0;
                }
            }
        }
        assertThat(unsaturated).as("tanh outputs that are not saturated (where a difference would show)").isGreaterThan(30);
        System.out.printf("more ops: max |ORT - TF| = %.3g%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-4);
        assertThat(g.nodesOfType("ReduceMean")).hasSize(2);
        assertThat(g.nodesOfType("Transpose")).isNotEmpty();
    }

    @Test
    void theOnnxBytesReadBackAsAValidChannelsFirstGraph() {
        Graph back = OnnxReader.read(OnnxWriter.toBytes(imported));

        assertThat(GraphValidator.problems(back)).isEmpty();
        assertThat(OnnxReader.unknownOps(back)).isEmpty();
        assertThat(back.runtimeInputs()).singleElement().satisfies(in -> {
            assertThat(in.name()).isEqualTo("image");
            assertThat(in.shape().dims()).containsExactly(-1, 1, 28, 28);
        });
        assertThat(back.outputs()).extracting(v -> v.name()).containsExactly("probabilities");
        assertThat(ShapeInference.infer(back, 2).problems()).isEmpty();
        Node conv1 = back.nodesOfType("Conv").iterator().next();
        assertThat(back.initializer(conv1.input(1)).orElseThrow().dims()).containsExactly(8, 1, 3, 3);
        assertThat(conv1.inputs()).hasSize(3); // the BiasAdd became the Conv's bias
        assertThat(back.nodesOfType("Conv")).anySatisfy(c -> assertThat(c.intAttr("group", 1)).isEqualTo(16))
                .anySatisfy(c -> assertThat(c.intsAttr("pads")).containsExactly(0, 0, 1, 1)); // 'same', stride 2
        assertThat(back.nodesOfType("BatchNormalization")).hasSize(2);
        assertThat(back.nodesOfType("Gemm")).hasSize(2).allSatisfy(gemm -> assertThat(gemm.inputs()).hasSize(3));
        assertThat(back.nodesOfType("Transpose")).as("the flatten is absorbed by the dense weights").isEmpty();
    }

    @Test
    void theBackendPresentsTheSameInterfaceAsTheImportedGraphInOnnxRuntime() {
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(imported), RuntimeOptions.defaults());
             TensorFlowBackend tf = new TensorFlowBackend(cnn, RuntimeOptions.defaults().withThreads(2))) {
            assertThat(tf.description()).startsWith("tensorflow 2.");
            assertThat(tf.inputs()).usingRecursiveFieldByFieldElementComparator().isEqualTo(ort.inputs());
            assertThat(tf.outputs()).usingRecursiveFieldByFieldElementComparator().isEqualTo(ort.outputs());
            float[] x = randomImages(BATCH, 9);
            BackendOutput once = tf.run(x, BATCH);
            assertThat(once.shape()).containsExactly(3, 10);
            assertThat(once.rowLength()).isEqualTo(10);
            try (var run = tf.prepare(x, BATCH)) {
                run.runOnce();
                run.runOnce();
            }
        }
    }

    @Test
    void anUnsupportedOpIsNamedInTheError() {
        Path model = TensorFlowSavedModels.withUnsupportedOp(dir.resolve("softsign"), "Softsign");

        assertThatThrownBy(() -> SavedModelImporter.importSavedModel(model))
                .isInstanceOf(UnsupportedTensorFlowOpException.class)
                .hasMessageContaining("'Softsign'").hasMessageContaining("'strange_activation'")
                .hasMessageContaining("Supported ops:").hasMessageContaining("Conv2D")
                .satisfies(e -> assertThat(((UnsupportedTensorFlowOpException) e).opType()).isEqualTo("Softsign"));
    }

    @Test
    void aFolderThatIsNotASavedModelGivesAClearError() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-model"));
        Files.writeString(empty.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> SavedModelImporter.importSavedModel(empty))
                .isInstanceOf(SavedModelException.class).hasMessageContaining("not a TensorFlow SavedModel folder")
                .hasMessageContaining("saved_model.pb");
        assertThatThrownBy(() -> SavedModelImporter.importSavedModel(cnn.resolve("saved_model.pb")))
                .isInstanceOf(SavedModelException.class).hasMessageContaining("Choose the folder that holds it");
        assertThatThrownBy(() -> new TensorFlowBackend(empty, RuntimeOptions.defaults()))
                .isInstanceOf(InferenceException.class).hasMessageContaining("not a TensorFlow SavedModel folder");
    }

    @Test
    void aMissingSignatureListsTheOnesThereAre() {
        assertThatThrownBy(() -> SavedModelImporter.importSavedModel(cnn, "serve", "predict"))
                .isInstanceOf(SavedModelException.class).hasMessageContaining("no signature 'predict'")
                .hasMessageContaining("logits, serving_default");
    }
}

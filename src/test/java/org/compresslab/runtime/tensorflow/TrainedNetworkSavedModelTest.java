package org.compresslab.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.compresslab.TestFiles;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceBackend;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.SavedModelBundle;

/**
 * The trained ResNet-20 and MobileNetV2-0.5 of sample-models (BatchNorm after every convolution, residual
 * Adds, depthwise convolutions and ReLU6 in MobileNetV2, stride-2 convolutions whose PyTorch padding
 * TensorFlow's SAME cannot express) rebuilt as Keras-style SavedModels by {@link OnnxToSavedModel}: TensorFlow
 * running them and ONNX Runtime running their imports both compute what the original ONNX models compute on
 * real Fashion-MNIST test images.
 */
class TrainedNetworkSavedModelTest {
    private static final int IMAGES = 200;
    private static final int BATCH = 50;

    @TempDir
    static Path dir;
    private static float[] images;
    private static final Map<String, Converted> CONVERTED = new HashMap<>();

    /** A sample model, its SavedModel and ONNX Runtime running the original. */
    private record Converted(Graph onnx, Path savedModel, OnnxRuntimeBackend original) {
        int count(String onnxOp) {
            return onnx.nodesOfType(onnxOp).size();
        }
    }

    @BeforeAll
    static void readTestImages() {
        Preprocessing prep = Preprocessing.fromJson(OnnxReader.read(sampleModel("resnet20")).metadata()
                .get(Preprocessing.METADATA_KEY));
        ImageDataset test = Datasets.open("fashion-mnist", "test");
        images = new float[IMAGES * prep.elementsPerImage()];
        for (int i = 0; i < IMAGES; i++) {
            prep.apply(test.get(i).image(), images, i * prep.elementsPerImage());
        }
    }

    private static Path sampleModel(String name) {
        return TestFiles.projectRoot().resolve("sample-models/" + name + ".onnx");
    }

    private static Converted converted(String name) {
        return CONVERTED.computeIfAbsent(name, n -> {
            Graph onnx = OnnxReader.read(sampleModel(n));
            assertThat(onnx.metadata().get(Preprocessing.METADATA_KEY)).isEqualTo(OnnxReader.read(sampleModel("resnet20"))
                    .metadata().get(Preprocessing.METADATA_KEY));
            Path savedModel = OnnxToSavedModel.write(onnx, dir.resolve(n));
            return new Converted(onnx, savedModel, new OnnxRuntimeBackend(OnnxWriter.toBytes(onnx), RuntimeOptions.defaults()));
        });
    }

    @AfterAll
    static void close() {
        CONVERTED.values().forEach(c -> c.original().close());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "mobilenetv2-0.5"})
    void isLaidOutAsKerasSavesTheseLayers(String name) {
        Converted c = converted(name);
        Map<String, Integer> ops = new HashMap<>();
        try (SavedModelBundle b = SavedModelBundle.load(c.savedModel().toString(), "serve")) {
            StreamSupport.stream(java.util.Spliterators.spliteratorUnknownSize(b.graph().operations(), 0), false)
                    .map(GraphOperation::type).forEach(t -> ops.merge(t, 1, Integer::sum));
        }
        System.out.println(name + " SavedModel ops: " + new java.util.TreeMap<>(ops));
        assertThat(ops.getOrDefault("Conv2D", 0) + ops.getOrDefault("DepthwiseConv2dNative", 0)).isEqualTo(c.count("Conv"));
        assertThat(ops.getOrDefault("FusedBatchNormV3", 0)).isEqualTo(c.count("BatchNormalization"));
        assertThat(ops.getOrDefault("Relu6", 0)).isEqualTo(c.count("Clip"));
        assertThat(ops.getOrDefault("AddV2", 0)).isEqualTo(c.count("Add"));
        assertThat(ops.getOrDefault("VariableV2", 0)).isEqualTo((int) c.onnx().initializers().values().stream()
                .filter(t -> t.rank() > 0).count());
        assertThat(ops.getOrDefault("Pad", 0)).as("the stride-2 3x3 convolutions on even sizes pad explicitly").isEqualTo(2);
        assertThat(ops).containsKey("Mean");
        assertThat(c.savedModel().resolve(PreprocessingSidecar.FILE_NAME)).exists();
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "mobilenetv2-0.5"})
    void itsImportHasTheOnnxModelsConvolutionsAndComputesItsOutputsWithin1e4(String name) {
        Converted c = converted(name);
        Graph imported = SavedModelImporter.importSavedModel(c.savedModel());
        assertThat(imported.nodesOfType("Pad")).as("Keras's zero padding folded back into the convolutions").isEmpty();
        assertThat(imported.nodesOfType("Conv")).hasSize(c.count("Conv"));
        assertThat(imported.metadata().get(Preprocessing.METADATA_KEY))
                .isEqualTo(c.onnx().metadata().get(Preprocessing.METADATA_KEY));
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(imported), RuntimeOptions.defaults())) {
            double worst = maxDifference(c.original(), ort, 8);
            System.out.printf("%s import vs ONNX on 8 test images: max |difference| %.3g%n", name, worst);
            assertThat(worst).isLessThanOrEqualTo(1e-4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet20", "mobilenetv2-0.5"})
    void tensorFlowPredictsTheOnnxModelsClassOnTheFirst200TestImages(String name) {
        Converted c = converted(name);
        try (TensorFlowBackend tf = new TensorFlowBackend(c.savedModel(), RuntimeOptions.defaults())) {
            int[] expected = top1(c.original(), IMAGES);
            assertThat(top1(tf, IMAGES)).containsExactly(expected);
            double worst = maxDifference(c.original(), tf, IMAGES);
            System.out.printf("%s in TensorFlow vs ONNX on %d test images: max |difference| %.3g%n", name, IMAGES, worst);
            assertThat(worst).isLessThanOrEqualTo(1e-4);
        }
    }

    private static BackendOutput run(InferenceBackend b, int first, int n) {
        int per = 28 * 28;
        float[] x = java.util.Arrays.copyOfRange(images, first * per, (first + n) * per);
        return b.run(x, new long[] {n, 1, 28, 28});
    }

    private static int[] top1(InferenceBackend b, int n) {
        int[] classes = new int[n];
        for (int first = 0; first < n; first += BATCH) {
            float[] logits = run(b, first, Math.min(BATCH, n - first)).data();
            for (int i = 0; i < logits.length / 10; i++) {
                int best = 0;
                for (int c = 1; c < 10; c++) {
                    best = logits[i * 10 + c] > logits[i * 10 + best] ? c : best;
                }
                classes[first + i] = best;
            }
        }
        return classes;
    }

    private static double maxDifference(InferenceBackend a, InferenceBackend b, int n) {
        double worst = 0;
        for (int first = 0; first < n; first += BATCH) {
            int m = Math.min(BATCH, n - first);
            BackendOutput x = run(a, first, m);
            BackendOutput y = run(b, first, m);
            assertThat(y.shape()).containsExactly(x.shape());
            for (int i = 0; i < x.data().length; i++) {
                worst = Math.max(worst, Math.abs(x.data()[i] - y.data()[i]));
            }
        }
        return worst;
    }
}

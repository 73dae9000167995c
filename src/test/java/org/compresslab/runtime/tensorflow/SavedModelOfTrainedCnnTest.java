package org.compresslab.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.compresslab.TestFiles;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.ModelFormat;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trained fashion_cnn rebuilt as a Keras-style NHWC SavedModel ({@link OnnxToSavedModel}): opened as
 * users open a SavedModel folder, it classifies the test images exactly as PyTorch did, whether TensorFlow runs
 * it or ONNX Runtime runs its import, and the import quantizes to int8 without losing accuracy.
 */
class SavedModelOfTrainedCnnTest {
    private static final int IMAGES = 2000;

    @TempDir
    static Path dir;
    private static ModelFile savedModel;
    private static ImageDataset test;
    private static Preprocessing prep;
    private static EvaluationSettings settings;

    @BeforeAll
    static void writeAndOpen() {
        Path folder = OnnxToSavedModel.write(TestFiles.fixture("fashion_cnn.onnx"), dir.resolve("fashion_cnn"));
        savedModel = ModelFile.load(folder);
        test = Datasets.open("fashion-mnist", "test");
        prep = savedModel.preprocessing().orElseThrow();
        settings = EvaluationSettings.defaults().withLimit(IMAGES).withRuns(5);
    }

    @Test
    void carriesTheOnnxModelsPreprocessingFromItsSidecarFile() {
        assertThat(savedModel.format()).isEqualTo(ModelFormat.SAVED_MODEL);
        assertThat(PreprocessingSidecar.METADATA_KEY).isEqualTo(Preprocessing.METADATA_KEY);
        assertThat(prep).isEqualTo(ModelFile.load(TestFiles.fixture("fashion_cnn.onnx")).preprocessing().orElseThrow());
        assertThat(prep.layout()).isEqualTo(Preprocessing.NCHW);
        assertThat(savedModel.graph().runtimeInputs().get(0).shape().dims()).containsExactly(-1, 1, 28, 28);
    }

    @Test
    void tensorFlowAndItsImportPredictWhatPyTorchPredicted() throws IOException {
        EvaluationResult tf = evaluate(savedModel);
        EvaluationResult ort = evaluate(ModelFile.of(null, savedModel.graph()));

        System.out.printf("fashion_cnn SavedModel on %d test images: TensorFlow top-1 %.4f (%s), import in ONNX Runtime"
                + " %.4f (%s)%n", IMAGES, tf.accuracy().top1(), tf.runtime(), ort.accuracy().top1(), ort.runtime());
        assertThat(tf.runtime()).startsWith("tensorflow");
        assertThat(ort.runtime()).startsWith("onnxruntime");
        assertThat(tf.accuracy().n()).isEqualTo(IMAGES);
        assertThat(tf.predictions()).containsExactly(ort.predictions());
        JsonNode recorded = new ObjectMapper().readTree(Files.readString(TestFiles.fixture("fashion_cnn.reference.json")))
                .get("predictions");
        for (int i = 0; i < IMAGES; i++) {
            assertThat(tf.predictions()[i]).as("image %d", i).isEqualTo(recorded.get(i).asInt());
        }
    }

    @Test
    void staticInt8QuantizationOfTheImportKeepsTheAccuracyWithin1Point5() {
        EvaluationResult fp32 = evaluate(ModelFile.of(null, savedModel.graph()));
        CompressionContext ctx = new CompressionContext(prep, Datasets.open("fashion-mnist", "train"), test,
                RuntimeOptions.defaults(), 3, null, null, null);

        List<StepResult> steps = new RecipeRunner(TechniqueRegistry.standard()).run(savedModel,
                RecipeJson.parse("{\"steps\":[{\"technique\":\"quantize.static-int8\"}]}"), ctx, settings,
                dir.resolve("int8"), s -> { });

        StepResult int8 = steps.get(0);
        assertThat(int8.model().getFileName().toString()).endsWith(".onnx");
        EvaluationResult written = evaluate(ModelFile.load(int8.model()));
        System.out.printf("fashion_cnn SavedModel: fp32 top-1 %.4f, static int8 %.4f on %d test images%n",
                fp32.accuracy().top1(), written.accuracy().top1(), IMAGES);
        assertThat(written.accuracy().top1()).isEqualTo(int8.evaluation().accuracy().top1());
        assertThat(written.accuracy().top1()).isCloseTo(fp32.accuracy().top1(), org.assertj.core.data.Offset.offset(0.015));
    }

    private static EvaluationResult evaluate(ModelFile model) {
        return new Evaluator().evaluate(model, test, prep, settings, ProgressListener.NONE, CancellationToken.NEVER);
    }
}

package org.compresslab.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.compresslab.TestFiles;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.distill.DistillationReport;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.InferenceException;
import org.compresslab.runtime.ModelFormat;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * fashion_cnn.pt is the TorchScript twin of fashion_cnn.onnx, traced by Debian's python3-torch from the same
 * trained weights (scripts/fixtures/make_torchscript_fixture.py). Run by DJL's PyTorch engine, it must
 * classify the test images as ONNX Runtime classifies the ONNX export.
 */
class TorchScriptModelTest {
    private static final int IMAGES = 2000;
    private static ModelFile torchScript;
    private static ModelFile onnx;
    private static ImageDataset test;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() {
        torchScript = ModelFile.load(TestFiles.fixture("fashion_cnn.pt"));
        onnx = ModelFile.load(TestFiles.fixture("fashion_cnn.onnx"));
        test = Datasets.open("fashion-mnist", "test");
    }

    @Test
    void opensWithItsInputOutputAndTheParameterCountOfItsOnnxExport() {
        assertThat(torchScript.format()).isEqualTo(ModelFormat.TORCHSCRIPT);
        assertThat(torchScript.graph().runtimeInputs().get(0).shape().dims()).containsExactly(-1, 1, 28, 28);
        assertThat(torchScript.graph().outputs().get(0).shape().dims()).containsExactly(-1, 10);
        assertThat(torchScript.preprocessing()).isEqualTo(onnx.preprocessing());
        ModelStatistics ts = ModelStatistics.of(torchScript.graph());
        ModelStatistics ox = ModelStatistics.of(onnx.graph());
        assertThat(ts.params()).isEqualTo(ox.params()).isEqualTo(9_098);
        // the size is the archive's own bytes; MACs cannot be counted from TorchScript code
        assertThat(torchScript.bytes().length).isEqualTo((int) fileSize(TestFiles.fixture("fashion_cnn.pt")));
        assertThat(torchScript.knownMacs(ts)).isEqualTo(-1);
    }

    @Test
    void evaluatesWithTheSameAccuracyAsItsOnnxExportOnTheSameImages() throws IOException {
        Preprocessing prep = onnx.preprocessing().orElseThrow();
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(IMAGES).withRuns(20);
        EvaluationResult pt = new Evaluator().evaluate(torchScript, test, prep, settings, ProgressListener.NONE,
                CancellationToken.NEVER);
        EvaluationResult ox = new Evaluator().evaluate(onnx, test, prep, settings, ProgressListener.NONE,
                CancellationToken.NEVER);

        assertThat(pt.runtime()).startsWith("pytorch");
        assertThat(ox.runtime()).startsWith("onnxruntime");
        assertThat(pt.accuracy().n()).isEqualTo(IMAGES);
        // the images whose top-2 logits PyTorch found within 0.001 may legitimately flip between runtimes
        Set<Integer> lowMargin = new HashSet<>();
        reference().get("low_margin_indices").forEach(i -> lowMargin.add(i.asInt()));
        int differing = 0;
        for (int i = 0; i < IMAGES; i++) {
            if (pt.predictions()[i] != ox.predictions()[i]) {
                assertThat(lowMargin).as("image %d differs but is not a low-margin image", i).contains(i);
                differing++;
            }
        }
        assertThat(differing).isZero();
        assertThat(pt.accuracy().top1()).isEqualTo(ox.accuracy().top1());
        // and both match what PyTorch itself predicted when the fixture was made
        JsonNode recorded = reference().get("predictions");
        for (int i = 0; i < IMAGES; i++) {
            assertThat(pt.predictions()[i]).as("image %d", i).isEqualTo(recorded.get(i).asInt());
        }
        assertThat(pt.latency().p50()).isPositive();
        assertThat(pt.size().bytes()).isEqualTo(torchScript.bytes().length);
    }

    @Test
    void teachesAStudentInADistillationRecipe() {
        Preprocessing prep = onnx.preprocessing().orElseThrow();
        CompressionContext ctx = new CompressionContext(prep, Datasets.open("fashion-mnist", "train"), test,
                RuntimeOptions.defaults(), 3, null, null, null);
        List<StepResult> steps = new RecipeRunner(TechniqueRegistry.standard()).run(torchScript, RecipeJson.parse("""
                {"steps":[{"technique":"distill.kd","student":"lenet5","epochs":1,"limit":2048,"batch":32,
                           "lr":0.02,"images":300,"control":false}]}"""), ctx,
                EvaluationSettings.defaults().withLimit(300).withRuns(3), dir, s -> { });

        DistillationReport report = (DistillationReport) steps.get(0).report();
        assertThat(report.teacher()).endsWith("fashion_cnn.pt");
        // the teacher's score is the TorchScript module's own, run by PyTorch on the evaluation images
        EvaluationResult alone = new Evaluator().evaluate(torchScript, test, prep,
                EvaluationSettings.defaults().withLimit(300).withRuns(2), ProgressListener.NONE, CancellationToken.NEVER);
        assertThat(report.teacherAccuracy().top1()).isEqualTo(alone.accuracy().top1());
        assertThat(report.teacherParams()).isEqualTo(9_098);
        assertThat(steps.get(0).model()).exists();
        assertThat(steps.get(0).evaluation().accuracy().top1()).isGreaterThan(0.3);
    }

    @Test
    void aTechniqueThatEditsTheGraphIsRefusedWithWhatToDo() {
        Preprocessing prep = onnx.preprocessing().orElseThrow();
        CompressionContext ctx = new CompressionContext(prep, test, test, RuntimeOptions.defaults(), 3, null, null, null);
        assertThatThrownBy(() -> new RecipeRunner(TechniqueRegistry.standard()).run(torchScript,
                RecipeJson.parse("{\"steps\":[{\"technique\":\"quantize.fp16\"}]}"), ctx,
                EvaluationSettings.defaults().withLimit(10).withRuns(1), dir, s -> { }))
                .isInstanceOf(OnnxFormatException.class)
                .hasMessageContaining("TorchScript")
                .hasMessageContaining("torch.onnx.export")
                .hasMessageContaining("teacher");
    }

    @Test
    void aZipThatIsNotTorchScriptGetsAClearMessage() throws IOException {
        Path fake = dir.resolve("weights.pt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(fake))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {1, 2, 3});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> ModelFile.load(fake))
                .isInstanceOf(InferenceException.class)
                .hasMessageContaining("weights.pt is not a TorchScript archive")
                .hasMessageContaining("torch.jit.save");
    }

    private static JsonNode reference() throws IOException {
        return new ObjectMapper().readTree(Files.readString(TestFiles.fixture("fashion_cnn.reference.json")));
    }

    private static long fileSize(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

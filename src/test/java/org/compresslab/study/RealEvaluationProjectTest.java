package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.compresslab.TestFiles;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A result the engine really produced survives a save and a load bit for bit, predictions included. */
class RealEvaluationProjectTest {

    @TempDir
    Path folder;

    @Test
    void aRealEvaluationComesBackFromAProjectFolderUnchanged() {
        Path modelPath = TestFiles.fixture("fashion_cnn.onnx");
        ModelFile modelFile = ModelFile.load(modelPath);
        Preprocessing preprocessing = modelFile.preprocessing().orElseThrow();
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(200).withRuns(5);
        ImageDataset dataset = Datasets.open("fashion-mnist", "test");
        EvaluationResult result = new Evaluator().evaluate(modelFile, dataset, preprocessing, settings,
                ProgressListener.NONE, CancellationToken.NEVER);
        Project project = new Project("Fashion CNN");
        project.setBaselineModel(modelPath.toString());
        project.setDataset(new DatasetChoice("fashion-mnist", "test", null));
        project.setSettings(settings);
        project.addRun(Run.evaluation("Baseline evaluation", "Measured the baseline on the first 200 test images.",
                modelPath.toString(), settings, result));

        new ProjectStore().save(project, folder);
        Project loaded = new ProjectStore().load(folder);

        Run run = loaded.runs().get(0);
        StudyFixtures.assertSameResult(run.result(), result);
        assertThat(run.result().predictions()).hasSize(200).containsExactly(result.predictions());
        assertThat(run.result().labels()).containsExactly(result.labels());
        assertThat(run.result().latencySamplesMs()).hasSize(5).containsExactly(result.latencySamplesMs());
        assertThat(run.settings()).isEqualTo(settings);
        assertThat(run.modelFile()).isEqualTo("models/fashion_cnn.onnx");
        assertThat(loaded.resolve(run.modelFile())).hasSameBinaryContentAs(modelPath);
        assertThat(loaded.loadWarnings()).isEmpty();
    }
}

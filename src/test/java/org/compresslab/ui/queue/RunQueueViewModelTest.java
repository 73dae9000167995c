package org.compresslab.ui.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.study.CompressionJob;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TaskState;
import org.compresslab.ui.tasks.UiThread;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real runs on LeNet-5 through the queue, with every callback on the calling thread. */
class RunQueueViewModelTest {
    private static final EvaluationSettings FAST = EvaluationSettings.defaults().withLimit(300).withRuns(5);

    @TempDir
    Path dir;

    private Project project;
    private final List<Run> added = new ArrayList<>();
    private final List<Runnable> laterExclusive = new ArrayList<>();

    private final RunQueueViewModel.ProjectAccess access = new RunQueueViewModel.ProjectAccess() {
        @Override
        public Project project() {
            return project;
        }

        @Override
        public void addRun(Project target, Run run) {
            target.addRun(run);
            added.add(run);
        }
    };

    @BeforeEach
    void openLenet() {
        project = new Project("p");
        project.setBaselineModel(CompressionFixtures.samplePath("lenet5").toAbsolutePath().toString());
        project.setDataset(new DatasetChoice("fashion-mnist", "test", null));
    }

    private RunQueueViewModel queue(TaskExecutor tasks) {
        return new RunQueueViewModel(tasks, TechniqueRegistry.standard(), access, () -> dir);
    }

    private static CompressionJob.Request request(String recipe) {
        return new CompressionJob.Request("int8", RecipeJson.parse(recipe), FAST, "train", 1);
    }

    @Test
    void aSavedModelBaselineIsMeasuredInTensorFlowAndItsImportInOnnxRuntimeOnceAndStepsChainToTheImport() {
        project.setBaselineModel(org.compresslab.TestFiles.projectRoot()
                .resolve("sample-models/fashion_cnn_savedmodel").toAbsolutePath().toString());
        RunQueueViewModel vm = queue(TaskExecutor.sameThread());

        vm.enqueue(request("{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":32}]}"));

        assertThat(project.runs()).extracting(Run::name)
                .containsExactly("Baseline evaluation", org.compresslab.study.ImportMeasurement.RUN_NAME, "int8");
        Run baseline = project.runs().get(0);
        Run imported = project.runs().get(1);
        Run quantized = project.runs().get(2);
        assertThat(baseline.result().runtime()).startsWith("tensorflow");
        assertThat(imported.result().runtime()).startsWith("onnxruntime");
        assertThat(imported.parentRunId()).isEqualTo(baseline.id());
        assertThat(Path.of(imported.modelFile())).exists().hasFileName("00-imported.onnx");
        // the same network in two runtimes: the same predictions
        assertThat(imported.result().predictions()).containsExactly(baseline.result().predictions());
        // the technique is judged against the import, in the runtime its model runs in
        assertThat(quantized.parentRunId()).isEqualTo(imported.id());
        assertThat(quantized.result().runtime()).startsWith("onnxruntime");

        // a second run reuses both measurements
        vm.enqueue(request("{\"steps\":[{\"technique\":\"quantize.fp16\"}]}"));
        assertThat(project.runs()).hasSize(4);
        assertThat(project.runs().get(3).parentRunId()).isEqualTo(imported.id());
    }

        @Test
    void aRunMeasuresTheBaselineFirstThenRecordsEachStepChainedToIt() {
        RunQueueViewModel vm = queue(TaskExecutor.sameThread());

        QueuedRun run = vm.enqueue(request("""
                {"steps":[{"technique":"prune.magnitude","sparsity":0.5},
                          {"technique":"quantize.static-int8","samples":32}]}"""));

        assertThat(run.taskProperty().get().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(run.stepsDoneProperty().get()).isEqualTo(2);
        assertThat(project.runs()).hasSize(3);
        Run baseline = project.runs().get(0);
        assertThat(baseline.kind()).isEqualTo(Run.KIND_EVALUATE);
        assertThat(baseline.settings()).isEqualTo(FAST);
        assertThat(baseline.result().accuracy().n()).isEqualTo(300);
        Run pruned = project.runs().get(1);
        Run quantized = project.runs().get(2);
        assertThat(pruned.parentRunId()).isEqualTo(baseline.id());
        assertThat(quantized.parentRunId()).isEqualTo(pruned.id());
        assertThat(quantized.kind()).isEqualTo("quantize.static-int8");
        assertThat(quantized.name()).isEqualTo("int8 · 2/2 " + TechniqueRegistry.standard()
                .find("quantize.static-int8").descriptor().title());
        assertThat(Path.of(quantized.modelFile())).exists().startsWith(dir);
        assertThat(quantized.result().size().bytes()).isLessThan(baseline.result().size().bytes());
        assertThat(run.outcomeProperty().get()).contains("2 of 2");
    }

    @Test
    void aSecondRunWithTheSameSettingsReusesTheBaselineMeasurement() {
        RunQueueViewModel vm = queue(TaskExecutor.sameThread());
        vm.enqueue(request("{\"steps\":[{\"technique\":\"quantize.fp16\"}]}"));
        vm.enqueue(request("{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":16}]}"));

        assertThat(project.runs()).extracting(Run::kind).containsExactly(Run.KIND_EVALUATE, "quantize.fp16",
                "quantize.static-int8");
        assertThat(project.runs().get(2).parentRunId()).isEqualTo(project.runs().get(0).id());
    }

    @Test
    void fineTuningFeedsTheLiveTrainingCurve() {
        RunQueueViewModel vm = queue(TaskExecutor.sameThread());

        QueuedRun run = vm.enqueue(request("""
                {"steps":[{"technique":"train.finetune","epochs":1,"limit":512,"batch":64}]}"""));

        assertThat(run.taskProperty().get().state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(run.curve()).hasSize(8);
        assertThat(run.curve()).allSatisfy(p -> assertThat(p.loss()).isFinite().isPositive());
        assertThat(run.curve().get(7).progress()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aFailedRunIsRecordedWithTheReasonAndNoModel() {
        project.setDataset(new DatasetChoice(dir.resolve("no-such-folder").toString(), null, null));
        RunQueueViewModel vm = queue(TaskExecutor.sameThread());

        QueuedRun run = vm.enqueue(request("{\"steps\":[{\"technique\":\"quantize.fp16\"}]}"));

        assertThat(run.taskProperty().get().state()).isEqualTo(TaskState.FAILED);
        assertThat(project.runs()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Run.FAILED);
            assertThat(r.modelFile()).isNull();
            assertThat(r.result()).isNull();
            assertThat(r.message()).startsWith("Failed at step 1 of 1: ").contains("no-such-folder");
        });
    }

    @Test
    void aRunCancelledBeforeItStartsIsRecordedAsCancelledAndTheProjectStillSaves() throws Exception {
        TaskExecutor manual = new TaskExecutor(laterExclusive::add, Runnable::run, UiThread.sameThread());
        RunQueueViewModel vm = queue(manual);
        QueuedRun run = vm.enqueue(request("{\"steps\":[{\"technique\":\"quantize.fp16\"}]}"));

        run.cancel();
        laterExclusive.forEach(Runnable::run);

        assertThat(run.taskProperty().get().state()).isEqualTo(TaskState.CANCELLED);
        assertThat(project.runs()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Run.CANCELLED);
            assertThat(r.message()).contains("Cancelled at step 1 of 1");
        });
        Path folder = dir.resolve("saved");
        new ProjectStore().save(project, folder);
        assertThat(new ProjectStore().load(folder).runs()).extracting(Run::status).containsExactly(Run.CANCELLED);
        assertThat(Files.list(dir).filter(p -> p.getFileName().toString().startsWith("run-")).count()).isZero();
    }

    @Test
    void withoutAModelTheQueueSaysWhatToDoFirst() {
        project = new Project("empty");
        RunQueueViewModel vm = queue(TaskExecutor.sameThread());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> vm.enqueue(request(
                        "{\"steps\":[{\"technique\":\"quantize.fp16\"}]}")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Open a model first");
    }
}

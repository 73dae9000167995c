package org.compresslab.ui.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javafx.collections.ListChangeListener;
import org.compresslab.TestFiles;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.runtime.OptimizationLevel;
import org.compresslab.ui.RecordingDialogService;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TaskState;
import org.compresslab.ui.tasks.UiThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluateViewModelTest {
    private static ModelFile fashionCnn;
    private static ModelFile resnet18;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<EvaluateViewModel.Evaluated> evaluated = new ArrayList<>();
    private TaskExecutor tasks;
    private EvaluateViewModel vm;
    /** For the tests that cancel: the measurement lane is a real thread. */
    private TaskExecutor threaded;

    @BeforeAll
    static void loadModels() {
        fashionCnn = ModelFile.load(TestFiles.fixture("fashion_cnn.onnx"));
        resnet18 = ModelFile.load(TestFiles.fixture("resnet18.onnx"));
    }

    @BeforeEach
    void createViewModel() {
        tasks = TaskExecutor.sameThread();
        vm = viewModel(tasks);
    }

    @AfterEach
    void stopThreads() {
        if (threaded != null) {
            threaded.cancelAll();
            threaded.shutdown();
        }
    }

    private EvaluateViewModel viewModel(TaskExecutor executor) {
        EvaluateViewModel m = new EvaluateViewModel(executor, dialogs);
        m.setOnEvaluated(evaluated::add);
        return m;
    }

    private TaskExecutor threaded() {
        threaded = new TaskExecutor(Executors.newSingleThreadExecutor(), Executors.newCachedThreadPool(),
                UiThread.sameThread());
        return threaded;
    }

    // ---- preprocessing --------------------------------------------------------------------------

    @Test
    void modelWithPreprocessingMetadataPrefillsTheForm() {
        vm.setModel(fashionCnn);

        assertThat(vm.widthProperty().get()).isEqualTo(28);
        assertThat(vm.heightProperty().get()).isEqualTo(28);
        assertThat(vm.channelsProperty().get()).isEqualTo(1);
        assertThat(vm.meanProperty().get()).isEqualTo("0.286");
        assertThat(vm.stdProperty().get()).isEqualTo("0.353");
        assertThat(vm.layoutProperty().get()).isEqualTo(Preprocessing.NCHW);
        assertThat(vm.preprocessingSourceProperty().get()).isEqualTo("from the model's metadata");
        assertThat(vm.preprocessing()).isEqualTo(fashionCnn.preprocessing().orElseThrow());
        assertThat(vm.invalidProperty().get()).isFalse();
        assertThat(vm.validationMessageProperty().get()).isEmpty();
    }

    @Test
    void modelWithoutMetadataGetsZeroToOnePixelsAtItsInputSizeAndTheSourceSaysSo() {
        vm.setModel(resnet18);

        assertThat(vm.widthProperty().get()).isEqualTo(64);
        assertThat(vm.heightProperty().get()).isEqualTo(64);
        assertThat(vm.channelsProperty().get()).isEqualTo(3);
        assertThat(vm.meanProperty().get()).isEqualTo("0, 0, 0");
        assertThat(vm.stdProperty().get()).isEqualTo("1, 1, 1");
        assertThat(vm.preprocessing()).isEqualTo(Preprocessing.unnormalized(64, 64, 3));
        assertThat(vm.preprocessingSourceProperty().get()).startsWith("not in the model").contains("[0,1]");
    }

    // ---- validation -----------------------------------------------------------------------------

    @Test
    void withoutAModelTheFormIsInvalidAndSaysToOpenOne() {
        assertThat(vm.invalidProperty().get()).isTrue();
        assertThat(vm.validationMessageProperty().get()).isEqualTo("Open a model first.");
    }

    @Test
    void folderModeNeedsAFolderThatExists(@TempDir Path dir) {
        vm.setModel(fashionCnn);
        vm.useBundledDatasetProperty().set(false);

        assertThat(vm.invalidProperty().get()).isTrue();
        assertThat(vm.validationMessageProperty().get()).startsWith("Choose an image folder");

        Path missing = dir.resolve("no-such-folder");
        vm.datasetFolderProperty().set(missing.toString());
        assertThat(vm.invalidProperty().get()).isTrue();
        assertThat(vm.validationMessageProperty().get()).isEqualTo("The dataset folder does not exist: " + missing);

        vm.datasetFolderProperty().set(dir.toString());
        assertThat(vm.invalidProperty().get()).isFalse();
        assertThat(vm.datasetSpec()).isEqualTo(dir.toString());

        vm.useBundledDatasetProperty().set(true);
        assertThat(vm.datasetSpec()).isEqualTo(EvaluateViewModel.FASHION_MNIST);
    }

    @Test
    void meanThatIsNotANumberIsReportedAsAPreprocessingProblem() {
        vm.setModel(fashionCnn);
        vm.meanProperty().set("0.5, abc");

        assertThat(vm.invalidProperty().get()).isTrue();
        assertThat(vm.validationMessageProperty().get())
                .isEqualTo("Preprocessing: mean and std must be numbers separated by commas");

        vm.meanProperty().set("0.5");
        assertThat(vm.invalidProperty().get()).isFalse();
    }

    @Test
    void stdOfZeroAndWrongChannelCountsAreExplainedInPlainWords() {
        vm.setModel(fashionCnn);
        vm.stdProperty().set("0");
        assertThat(vm.validationMessageProperty().get()).startsWith("Preprocessing: std is 0");

        vm.stdProperty().set("0.353");
        vm.meanProperty().set("0.1, 0.2");
        assertThat(vm.validationMessageProperty().get()).startsWith("Preprocessing: mean ").contains("2 values")
                .doesNotContain("preprocessing:");
    }

    @Test
    void zeroThreadsIsInvalidAndEvaluateThenDoesNothing() {
        vm.setModel(fashionCnn);
        vm.threadsProperty().set(0);

        assertThat(vm.invalidProperty().get()).isTrue();
        assertThat(vm.validationMessageProperty().get()).startsWith("Threads, batch and runs must be at least 1");

        vm.evaluate();
        assertThat(tasks.tasks()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();

        vm.threadsProperty().set(1);
        assertThat(vm.invalidProperty().get()).isFalse();
    }

    // ---- evaluating -----------------------------------------------------------------------------

    @Test
    void evaluateMeasuresTheModelAndHandsOnExactlyWhatProducedTheResult() {
        vm.setModel(fashionCnn);
        vm.limitProperty().set(200);
        vm.runsProperty().set(5);
        Preprocessing expectedPrep = vm.preprocessing();

        vm.evaluate();

        var result = vm.resultProperty().get();
        assertThat(dialogs.shown).isEmpty();
        assertThat(result).isNotNull();
        assertThat(result.accuracy().n()).isEqualTo(200);
        assertThat(result.accuracy().top1()).isBetween(0.6, 1.0);
        assertThat(result.latency().n()).isEqualTo(5);
        assertThat(result.latencySamplesMs()).hasSize(5);
        assertThat(vm.histogram()).isNotEmpty();
        assertThat(vm.histogram().stream().mapToInt(HistogramBin::count).sum()).isEqualTo(5);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.statusProperty().get()).isEqualTo("Evaluated 200 images.");
        assertThat(tasks.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED));

        assertThat(evaluated).singleElement().satisfies(e -> {
            assertThat(e.result()).isSameAs(result);
            assertThat(e.datasetSpec()).isEqualTo("fashion-mnist");
            assertThat(e.split()).isEqualTo("test");
            assertThat(e.preprocessing()).isEqualTo(expectedPrep);
            assertThat(e.settings()).isEqualTo(new EvaluationSettings(200, 1, 1, 5, 10, OptimizationLevel.ALL, 0));
        });
    }

    @Test
    void datasetThatDoesNotFitTheModelShowsAnErrorDialogAndNoResult() {
        vm.setModel(fashionCnn);
        vm.limitProperty().set(200);
        vm.runsProperty().set(5);
        vm.widthProperty().set(32);

        vm.evaluate();

        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.histogram()).isEmpty();
        assertThat(evaluated).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(dialogs.errors()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Evaluation failed");
            assertThat(e.message()).contains("32").doesNotContain("Exception");
            assertThat(e.details()).isNotNull();
        });
        assertThat(vm.statusProperty().get()).startsWith("Failed: ");
        assertThat(tasks.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.FAILED));
    }

    @Test
    void cancellingARunningEvaluationEndsCancelledAndRecordsNothing() throws Exception {
        TaskExecutor executor = threaded();
        EvaluateViewModel m = viewModel(executor);
        m.setModel(fashionCnn);
        m.limitProperty().set(0); // all 10,000 images: many batches, so the cancel lands in the middle
        CountDownLatch progressSeen = new CountDownLatch(1);
        CountDownLatch cancelIssued = new CountDownLatch(1);
        // hold the worker at its first progress report until the test has pressed Cancel
        executor.tasks().addListener((ListChangeListener<TaskEntry>) c -> {
            while (c.next()) {
                for (TaskEntry entry : c.getAddedSubList()) {
                    entry.progressProperty().addListener((o, was, is) -> {
                        if (is.doubleValue() > 0 && progressSeen.getCount() == 1) {
                            progressSeen.countDown();
                            await(cancelIssued);
                        }
                    });
                }
            }
        });

        m.evaluate();
        assertThat(m.busyProperty().get()).isTrue();
        assertThat(progressSeen.await(30, TimeUnit.SECONDS)).isTrue();
        m.cancel();
        cancelIssued.countDown();
        waitUntil(() -> !m.busyProperty().get());

        assertThat(m.statusProperty().get()).startsWith("Cancelled");
        assertThat(m.resultProperty().get()).isNull();
        assertThat(m.histogram()).isEmpty();
        assertThat(evaluated).isEmpty();
        assertThat(dialogs.shown).isEmpty();
        assertThat(executor.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.CANCELLED));
    }

    @Test
    void evaluationWaitingBehindAnotherMeasurementSaysSoAndCanBeCancelled() throws Exception {
        TaskExecutor executor = threaded();
        EvaluateViewModel m = viewModel(executor);
        m.setModel(fashionCnn);
        CountDownLatch release = new CountDownLatch(1);
        executor.submit(BackgroundTask.of("Other measurement", (p, c) -> release.await(10, TimeUnit.SECONDS)).exclusive());

        m.evaluate();
        assertThat(m.busyProperty().get()).isTrue();
        assertThat(m.statusProperty().get()).containsIgnoringCase("waiting");
        m.evaluate(); // a second click while busy starts nothing
        assertThat(executor.tasks()).hasSize(2);

        m.cancel();
        release.countDown();
        waitUntil(() -> !m.busyProperty().get());
        assertThat(m.statusProperty().get()).isEqualTo("Cancelled; nothing was recorded.");
        assertThat(evaluated).isEmpty();
    }

    @Test
    void openingAnotherModelWhileAnEvaluationIsQueuedCancelsItInsteadOfRecordingItForTheNewModel() throws Exception {
        TaskExecutor executor = threaded();
        EvaluateViewModel m = viewModel(executor);
        m.setModel(fashionCnn);
        m.limitProperty().set(200);
        m.runsProperty().set(5);
        CountDownLatch release = new CountDownLatch(1);
        executor.submit(BackgroundTask.of("Other measurement", (p, c) -> release.await(10, TimeUnit.SECONDS)).exclusive());
        m.evaluate();

        assertThatCode(() -> m.setModel(resnet18)).doesNotThrowAnyException();
        assertThat(m.modelProperty().get()).isSameAs(resnet18);
        assertThat(m.widthProperty().get()).isEqualTo(64);
        release.countDown();
        waitUntil(() -> !m.busyProperty().get());

        assertThat(evaluated).isEmpty();
        assertThat(m.resultProperty().get()).isNull();
        assertThat(m.statusProperty().get()).startsWith("Cancelled");
    }

    @Test
    void anEvaluationThatFinishesJustAfterAnotherModelWasOpenedIsNotRecorded() throws Exception {
        TaskExecutor executor = threaded();
        EvaluateViewModel m = viewModel(executor);
        m.setModel(fashionCnn);
        m.limitProperty().set(100);
        m.runsProperty().set(3);
        CountDownLatch lastProgress = new CountDownLatch(1);
        CountDownLatch modelSwitched = new CountDownLatch(1);
        // hold the worker at "done", after its last look at the cancel token
        executor.tasks().addListener((ListChangeListener<TaskEntry>) c -> {
            while (c.next()) {
                for (TaskEntry entry : c.getAddedSubList()) {
                    entry.progressProperty().addListener((o, was, is) -> {
                        if (is.doubleValue() >= 1.0) {
                            lastProgress.countDown();
                            await(modelSwitched);
                        }
                    });
                }
            }
        });

        m.evaluate();
        assertThat(lastProgress.await(30, TimeUnit.SECONDS)).isTrue();
        m.setModel(resnet18);
        modelSwitched.countDown();
        waitUntil(() -> !m.busyProperty().get());

        assertThat(executor.tasks()).singleElement().satisfies(t -> assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED));
        assertThat(evaluated).isEmpty();
        assertThat(m.resultProperty().get()).isNull();
        assertThat(m.statusProperty().get()).startsWith("Cancelled");
    }

    @Test
    void aNewModelClearsTheEarlierResult() {
        vm.setModel(fashionCnn);
        vm.limitProperty().set(100);
        vm.runsProperty().set(3);
        vm.evaluate();
        assertThat(vm.resultProperty().get()).isNotNull();

        vm.setModel(resnet18);

        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.histogram()).isEmpty();
        assertThat(vm.statusProperty().get()).isEmpty();
    }

    // ---- restoring a project's inputs -----------------------------------------------------------

    @Test
    void restoreAppliesTheProjectsDatasetPreprocessingAndSettings(@TempDir Path dir) throws Exception {
        vm.setModel(fashionCnn);
        Path images = Files.createDirectories(dir.resolve("images"));
        Preprocessing prep = new Preprocessing(32, 24, 3, new float[] {0.5f, 0.25f, 0.125f}, new float[] {2f},
                Preprocessing.NHWC);

        vm.restore(images.toString(), "train", prep, new EvaluationSettings(300, 4, 2, 50, 3, OptimizationLevel.BASIC, 0));

        assertThat(vm.useBundledDatasetProperty().get()).isFalse();
        assertThat(vm.datasetFolderProperty().get()).isEqualTo(images.toString());
        assertThat(vm.datasetSpec()).isEqualTo(images.toString());
        assertThat(vm.splitProperty().get()).isEqualTo("train");
        assertThat(vm.widthProperty().get()).isEqualTo(32);
        assertThat(vm.heightProperty().get()).isEqualTo(24);
        assertThat(vm.channelsProperty().get()).isEqualTo(3);
        assertThat(vm.meanProperty().get()).isEqualTo("0.5, 0.25, 0.125");
        assertThat(vm.stdProperty().get()).isEqualTo("2, 2, 2");
        assertThat(vm.layoutProperty().get()).isEqualTo(Preprocessing.NHWC);
        assertThat(vm.preprocessing()).isEqualTo(prep);
        assertThat(vm.preprocessingSourceProperty().get()).isEqualTo("from the project");
        assertThat(vm.limitProperty().get()).isEqualTo(300);
        assertThat(vm.batchProperty().get()).isEqualTo(4);
        assertThat(vm.threadsProperty().get()).isEqualTo(2);
        assertThat(vm.runsProperty().get()).isEqualTo(50);
        assertThat(vm.invalidProperty().get()).isFalse();
    }

    @Test
    void restoreWithTheBundledDatasetAndNoPreprocessingKeepsTheModelsOwn() {
        vm.setModel(fashionCnn);
        vm.useBundledDatasetProperty().set(false);
        vm.datasetFolderProperty().set("/somewhere");

        vm.restore(EvaluateViewModel.FASHION_MNIST, "test", null, null);

        assertThat(vm.useBundledDatasetProperty().get()).isTrue();
        assertThat(vm.datasetFolderProperty().get()).isEmpty();
        assertThat(vm.preprocessing()).isEqualTo(fashionCnn.preprocessing().orElseThrow());
        assertThat(vm.preprocessingSourceProperty().get()).isEqualTo("from the model's metadata");
        assertThat(vm.runsProperty().get()).isEqualTo(100);
    }

    // ---- helpers --------------------------------------------------------------------------------

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(5);
        }
    }
}

package org.compresslab.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.compresslab.TestFiles;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.SizeReport;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.eval.stats.ProportionInterval;
import org.compresslab.runtime.OptimizationLevel;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.ui.RecordingDialogService;
import org.compresslab.ui.UiTestSupport;
import org.compresslab.ui.dialogs.DialogService.SaveChoice;
import org.compresslab.ui.evaluate.EvaluateViewModel;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainViewModelTest {
    private static final Preprocessing FASHION_PREP = new Preprocessing(28, 28, 1, new float[] {0.286f},
            new float[] {0.353f}, Preprocessing.NCHW);

    @TempDir
    Path dataFolder;
    @TempDir
    Path dir;

    private String previousDataProperty;
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final TaskExecutor tasks = TaskExecutor.sameThread();
    private final AppPreferences preferences = UiTestSupport.freshPreferences();
    /** What the model listener was told, as "model name | project name" (model "-" for none). */
    private final List<String> modelChanges = new ArrayList<>();
    private MainViewModel vm;

    @BeforeEach
    void createViewModel() {
        previousDataProperty = System.getProperty("compresslab.data");
        System.setProperty("compresslab.data", dataFolder.toString());
        vm = new MainViewModel(tasks, dialogs, preferences, (m, p) -> modelChanges.add(
                (m == null ? "-" : m.displayName()) + " | " + (p == null ? "-" : p.name())));
    }

    @AfterEach
    void restoreDataProperty() {
        if (previousDataProperty == null) {
            System.clearProperty("compresslab.data");
        } else {
            System.setProperty("compresslab.data", previousDataProperty);
        }
    }

    private Project project() {
        return vm.projectProperty().get();
    }

    private void openDemo() {
        vm.openStartupProject();
        assertThat(vm.modelProperty().get()).as("demo model; dialogs: %s", dialogs.shown).isNotNull();
    }

    /** A finished evaluation with plausible figures (the recording, not the measuring, is under test). */
    private static EvaluateViewModel.Evaluated evaluated(int n) {
        EvaluationResult result = new EvaluationResult("fashion-cnn.onnx", "fashion-mnist/test",
                new AccuracyResult(n, 0.8, new ProportionInterval(0.7, 0.9), 0.95),
                new LatencyStatistics(0.011, 0.012, 0.014, 0.02, 0.03, 0.015, 0.004, 5),
                66666.7, 1, 1, OptimizationLevel.ALL, "test CPU", "ONNX Runtime", new SizeReport(37641, 33012, 9098, 9098),
                290080, -1, new int[n], new int[n], new double[] {0.011, 0.012, 0.014, 0.02, 0.03});
        return new EvaluateViewModel.Evaluated(result, "fashion-mnist", "test", FASHION_PREP,
                new EvaluationSettings(n, 1, 1, 5, 10, OptimizationLevel.ALL, 0));
    }

    // ---- start-up -------------------------------------------------------------------------------

    @Test
    void firstStartOpensTheDemoProjectWithItsModelLoaded() {
        vm.openStartupProject();

        assertThat(dialogs.shown).isEmpty();
        assertThat(project().name()).contains("Demo");
        assertThat(vm.modelProperty().get()).isNotNull();
        assertThat(vm.modelProperty().get().graph().nodes()).isNotEmpty();
        assertThat(modelChanges).containsExactly(vm.modelProperty().get().displayName() + " | " + project().name());
        Path demoFolder = dataFolder.resolve("demo-project");
        assertThat(Files.isRegularFile(demoFolder.resolve(ProjectStore.PROJECT_FILE))).isTrue();
        assertThat(project().folder()).contains(demoFolder.toAbsolutePath().normalize());
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.titleProperty().get()).isEqualTo(project().name() + " — CompressLab");
        assertThat(vm.recentProjects()).containsExactly(demoFolder.toAbsolutePath().normalize());
        assertThat(tasks.tasks()).allMatch(t -> t.state() == TaskState.SUCCEEDED);
    }

    @Test
    void laterStartsOpenTheMostRecentProjectInsteadOfTheDemo() {
        Project saved = new Project("My study");
        saved.setBaselineModel(TestFiles.fixture("resnet18.onnx").toString());
        Path folder = dir.resolve("my-study");
        new ProjectStore().save(saved, folder);
        preferences.addRecentProject(folder);
        MainViewModel restarted = new MainViewModel(tasks, dialogs, preferences, (m, p) -> { });

        restarted.openStartupProject();

        assertThat(dialogs.shown).isEmpty();
        assertThat(restarted.projectProperty().get().name()).isEqualTo("My study");
        assertThat(restarted.modelProperty().get().graph().nodes()).hasSizeGreaterThan(10);
        assertThat(Files.exists(dataFolder.resolve("demo-project"))).isFalse();
    }

    // ---- models ---------------------------------------------------------------------------------

    @Test
    void corruptModelShowsAnErrorAndLeavesTheProjectAsItWas() throws Exception {
        openDemo();
        Project before = project();
        ModelFile modelBefore = vm.modelProperty().get();
        String baselineBefore = before.baselineModel();
        Path corrupt = Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});

        vm.openModel(corrupt);

        assertThat(dialogs.errors()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Cannot open the model");
            assertThat(e.message()).contains("corrupt.onnx").doesNotContain("Exception");
            assertThat(e.details()).isNotNull();
        });
        assertThat(project()).isSameAs(before);
        assertThat(before.baselineModel()).isEqualTo(baselineBefore);
        assertThat(vm.modelProperty().get()).isSameAs(modelBefore);
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(modelChanges).hasSize(1);
    }

    @Test
    void openingAModelWithoutAProjectStartsOneNamedAfterTheFile() {
        Path model = TestFiles.fixture("mobilenetv2.onnx");

        vm.openModel(model);

        assertThat(project().name()).isEqualTo("mobilenetv2");
        assertThat(project().baselineModel()).isEqualTo(model.toAbsolutePath().toString());
        assertThat(project().dataset()).isEqualTo(new DatasetChoice(EvaluateViewModel.FASHION_MNIST, "test", null));
        assertThat(vm.modelProperty().get().displayName()).isEqualTo("mobilenetv2.onnx");
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(modelChanges).containsExactly("mobilenetv2.onnx | mobilenetv2");
        assertThat(preferences.lastFolder()).isEqualTo(model.toAbsolutePath().getParent());
    }

    @Test
    void aNewBaselineModelBringsItsOwnPreprocessingNotThePreviousModels() {
        // wired as the workbench wires the Evaluate page
        EvaluateViewModel evaluate = new EvaluateViewModel(tasks, dialogs);
        MainViewModel wired = new MainViewModel(tasks, dialogs, preferences, (m, p) -> {
            evaluate.setModel(m);
            if (p != null && p.dataset() != null) {
                evaluate.restore(p.dataset().spec(), p.dataset().split(), p.dataset().preprocessing(), p.settings());
            }
        });
        wired.openStartupProject();
        wired.recordEvaluation(evaluated(200)); // remembers a 28×28×1 preprocessing in the project
        assertThat(wired.projectProperty().get().dataset().preprocessing()).isEqualTo(FASHION_PREP);
        // the page shows the demo model's own preprocessing (whichever sample model the demo uses)
        assertThat(evaluate.preprocessing()).isEqualTo(wired.modelProperty().get().preprocessing().orElseThrow());

        wired.openModel(TestFiles.fixture("resnet18.onnx"));

        Project p = wired.projectProperty().get();
        assertThat(p.dataset().spec()).isEqualTo("fashion-mnist");
        assertThat(p.dataset().split()).isEqualTo("test");
        assertThat(p.dataset().preprocessing()).isNull();
        assertThat(evaluate.preprocessing()).isEqualTo(Preprocessing.unnormalized(64, 64, 3));
        assertThat(evaluate.limitProperty().get()).isEqualTo(200); // the remembered settings stay
    }

    // ---- runs, saving ---------------------------------------------------------------------------

    @Test
    void recordingAnEvaluationAddsARunAndMarksTheProjectUnsaved() {
        openDemo();
        assertThat(vm.titleProperty().get()).doesNotStartWith("•");

        vm.recordEvaluation(evaluated(200));

        assertThat(vm.runs()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Baseline evaluation");
            assertThat(r.result().accuracy().n()).isEqualTo(200);
            assertThat(r.settings().limit()).isEqualTo(200);
            assertThat(r.modelFile()).isEqualTo(project().baselineModel());
            assertThat(r.description()).contains("fashion-mnist", "200 images");
        });
        assertThat(project().runs()).hasSize(1);
        assertThat(project().settings().runs()).isEqualTo(5);
        assertThat(project().dataset().preprocessing()).isEqualTo(FASHION_PREP);
        assertThat(vm.dirtyProperty().get()).isTrue();
        assertThat(vm.titleProperty().get()).startsWith("• ").contains("Demo");
    }

    @Test
    void savingToAFolderClearsUnsavedChangesAndRemembersTheProject() {
        openDemo();
        vm.recordEvaluation(evaluated(100));
        Path folder = dir.resolve("saved");

        assertThat(vm.saveTo(folder)).isTrue();

        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(vm.titleProperty().get()).doesNotStartWith("•");
        assertThat(Files.isRegularFile(folder.resolve(ProjectStore.PROJECT_FILE))).isTrue();
        Path saved = folder.toAbsolutePath().normalize();
        assertThat(vm.recentProjects()).first().isEqualTo(saved);
        assertThat(vm.recentProjects()).contains(saved);
        assertThat(preferences.recentProjects()).first().isEqualTo(saved);
        assertThat(new ProjectStore().load(folder).runs()).hasSize(1);
        assertThat(dialogs.errors()).isEmpty();
    }

    @Test
    void saveAsWithoutAChosenFolderSavesNothing() {
        openDemo();
        vm.recordEvaluation(evaluated(100));

        assertThat(vm.saveAs()).isFalse();

        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void saveOfANewProjectAsksForAFolder() {
        vm.openModel(TestFiles.fixture("fashion_cnn.onnx"));
        Path folder = dir.resolve("new-project");
        dialogs.fileAnswers.add(Optional.of(folder));

        assertThat(vm.save()).isTrue();

        assertThat(project().folder()).contains(folder.toAbsolutePath().normalize());
        assertThat(project().baselineModel()).startsWith(ProjectStore.MODELS_FOLDER + "/");
        assertThat(vm.dirtyProperty().get()).isFalse();
    }

    // ---- unsaved changes ------------------------------------------------------------------------

    @Test
    void newProjectWithUnsavedChangesAsksAndCancelKeepsTheProject() {
        openDemo();
        vm.recordEvaluation(evaluated(100));
        Project before = project();
        dialogs.saveChoice = SaveChoice.CANCEL;

        vm.newProject();

        assertThat(dialogs.shown).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("save-changes");
            assertThat(s.title()).isEqualTo(before.name());
        });
        assertThat(project()).isSameAs(before);
        assertThat(vm.runs()).hasSize(1);
        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void newProjectWithUnsavedChangesAsksAndDiscardReplacesTheProject() {
        openDemo();
        vm.recordEvaluation(evaluated(100));
        dialogs.saveChoice = SaveChoice.DISCARD;

        vm.newProject();

        assertThat(dialogs.shown).extracting(RecordingDialogService.Shown::kind).containsExactly("save-changes");
        assertThat(project().name()).isEqualTo("Untitled project");
        assertThat(project().runs()).isEmpty();
        assertThat(vm.runs()).isEmpty();
        assertThat(vm.modelProperty().get()).isNull();
        assertThat(vm.dirtyProperty().get()).isFalse();
        assertThat(modelChanges).last().isEqualTo("- | Untitled project");
    }

    @Test
    void newProjectWithoutUnsavedChangesDoesNotAsk() {
        openDemo();

        vm.newProject();

        assertThat(dialogs.shown).isEmpty();
        assertThat(project().name()).isEqualTo("Untitled project");
    }

    @Test
    void newProjectAfterChoosingSaveSavesFirst() {
        openDemo();
        vm.recordEvaluation(evaluated(100));
        Path demoFolder = project().folder().orElseThrow();
        dialogs.saveChoice = SaveChoice.SAVE;

        vm.newProject();

        assertThat(new ProjectStore().load(demoFolder).runs()).hasSize(1);
        assertThat(project().name()).isEqualTo("Untitled project");
    }

    @Test
    void quittingWithUnsavedChangesAsksAndCancelKeepsTheWindowAndItsWork() {
        openDemo();
        vm.recordEvaluation(evaluated(100));
        dialogs.saveChoice = SaveChoice.CANCEL;
        boolean[] mayQuit = new boolean[1];

        // a long task asks to quit while it runs (the same-thread executor runs it right here)
        TaskEntry work = tasks.submit(BackgroundTask.of("Long measurement", (p, cancel) -> {
            mayQuit[0] = vm.prepareToQuit();
            cancel.throwIfCancelled();
            return "measured";
        }));

        assertThat(mayQuit[0]).isFalse();
        assertThat(dialogs.shown).extracting(RecordingDialogService.Shown::kind).containsExactly("save-changes");
        assertThat(work.state()).isEqualTo(TaskState.SUCCEEDED);
        assertThat(vm.dirtyProperty().get()).isTrue();
    }

    @Test
    void quittingAfterDiscardingChangesCancelsRunningWork() {
        openDemo();
        vm.recordEvaluation(evaluated(100));
        dialogs.saveChoice = SaveChoice.DISCARD;
        boolean[] mayQuit = new boolean[1];
        boolean[] cancelledCalled = new boolean[1];

        TaskEntry work = tasks.submit(BackgroundTask.of("Long measurement", (p, cancel) -> {
            mayQuit[0] = vm.prepareToQuit();
            cancel.throwIfCancelled();
            return "measured";
        }).onCancelled(() -> cancelledCalled[0] = true));

        assertThat(mayQuit[0]).isTrue();
        assertThat(dialogs.shown).extracting(RecordingDialogService.Shown::kind).containsExactly("save-changes");
        assertThat(work.state()).isEqualTo(TaskState.CANCELLED);
        assertThat(cancelledCalled[0]).isTrue();
    }

    @Test
    void quittingWithoutUnsavedChangesDoesNotAsk() {
        openDemo();

        assertThat(vm.prepareToQuit()).isTrue();

        assertThat(dialogs.shown).isEmpty();
    }

    // ---- opening projects -----------------------------------------------------------------------

    @Test
    void projectFromANewerCompressLabIsRefusedAndTheOpenProjectStays() throws Exception {
        openDemo();
        Project before = project();
        ModelFile modelBefore = vm.modelProperty().get();
        Path future = Files.createDirectories(dir.resolve("future"));
        Files.writeString(future.resolve(ProjectStore.PROJECT_FILE),
                "{\"format\": \"compresslab-project\", \"version\": 99, \"name\": \"From the future\"}");

        vm.openProject(future);

        assertThat(dialogs.errors()).singleElement().satisfies(e -> {
            assertThat(e.title()).isEqualTo("Cannot open the project");
            assertThat(e.message()).contains("newer").contains("99");
        });
        assertThat(project()).isSameAs(before);
        assertThat(vm.modelProperty().get()).isSameAs(modelBefore);
        assertThat(vm.recentProjects()).doesNotContain(future.toAbsolutePath().normalize());
        assertThat(modelChanges).hasSize(1);
    }

    @Test
    void projectWhoseBaselineModelIsMissingOpensWithAWarning() throws Exception {
        Project saved = new Project("Lost model");
        Path model = Files.copy(TestFiles.fixture("fashion_cnn.onnx"), dir.resolve("fashion.onnx"));
        saved.setBaselineModel(model.toString());
        Path folder = dir.resolve("lost");
        new ProjectStore().save(saved, folder);
        Files.delete(folder.resolve(saved.baselineModel()));

        vm.openProject(folder);

        assertThat(dialogs.errors()).isEmpty();
        assertThat(project().name()).isEqualTo("Lost model");
        assertThat(vm.modelProperty().get()).isNull();
        assertThat(dialogs.shown).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo("info");
            assertThat(s.title()).isEqualTo("Project opened with warnings");
            assertThat(s.message()).contains("baseline model").contains("missing");
        });
        assertThat(modelChanges).containsExactly("- | Lost model");
    }

    @Test
    void projectWhoseBaselineModelIsDamagedOpensWithAWarningAndItsRuns() throws Exception {
        Project saved = new Project("Damaged model");
        Path model = Files.copy(TestFiles.fixture("fashion_cnn.onnx"), dir.resolve("fashion.onnx"));
        saved.setBaselineModel(model.toString());
        saved.addRun(org.compresslab.study.Run.evaluation("Baseline evaluation", "earlier", null,
                evaluated(100).settings(), evaluated(100).result()));
        Path folder = dir.resolve("damaged");
        new ProjectStore().save(saved, folder);
        Files.write(folder.resolve(saved.baselineModel()), new byte[] {1, 2, 3});

        vm.openProject(folder);

        assertThat(dialogs.errors()).isEmpty();
        assertThat(project().name()).isEqualTo("Damaged model");
        assertThat(vm.runs()).hasSize(1);
        assertThat(vm.modelProperty().get()).isNull();
        assertThat(dialogs.shown).singleElement().satisfies(s -> {
            assertThat(s.title()).isEqualTo("Project opened with warnings");
            assertThat(s.message()).startsWith("The baseline model cannot be read (").contains("fashion.onnx")
                    .doesNotContain("Exception");
        });
    }

    @Test
    void openingAProjectWithUnsavedChangesOpenAsksFirst() {
        openDemo();
        Path demoFolder = project().folder().orElseThrow();
        vm.recordEvaluation(evaluated(100));
        dialogs.saveChoice = SaveChoice.CANCEL;
        Project before = project();

        vm.openProject(demoFolder);

        assertThat(dialogs.shown).extracting(RecordingDialogService.Shown::kind).containsExactly("save-changes");
        assertThat(project()).isSameAs(before);
        assertThat(vm.runs()).hasSize(1);
    }

    @Test
    void aSavedModelFolderOpensAsAModelNamedAfterTheFolderNotAsAProject() {
        Path savedModel = TestFiles.projectRoot().resolve("sample-models/fashion_cnn_savedmodel");

        assertThat(MainViewModel.canOpen(savedModel)).isTrue();
        vm.open(savedModel);

        assertThat(project().name()).isEqualTo("fashion_cnn_savedmodel");
        assertThat(vm.modelProperty().get().format()).isEqualTo(org.compresslab.runtime.ModelFormat.SAVED_MODEL);
        assertThat(project().baselineModel()).isEqualTo(savedModel.toAbsolutePath().toString());
    }

    @Test
    void aTorchScriptFileOpensAsAModel() {
        Path torchScript = TestFiles.fixture("fashion_cnn.pt");

        assertThat(MainViewModel.canOpen(torchScript)).isTrue();
        vm.open(torchScript);

        assertThat(project().name()).isEqualTo("fashion_cnn");
        assertThat(vm.modelProperty().get().format()).isEqualTo(org.compresslab.runtime.ModelFormat.TORCHSCRIPT);
    }

    @Test
    void canOpenModelFilesAndProjectFoldersOnly() throws Exception {
        openDemo();
        Path demoFolder = project().folder().orElseThrow();
        Path onnx = TestFiles.fixture("fashion_cnn.onnx");
        Path upperCase = Files.copy(onnx, dir.resolve("MODEL.ONNX"));
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        Path plainFolder = Files.createDirectories(dir.resolve("just-a-folder"));

        assertThat(MainViewModel.canOpen(onnx)).isTrue();
        assertThat(MainViewModel.canOpen(upperCase)).isTrue();
        assertThat(MainViewModel.canOpen(demoFolder)).isTrue();
        assertThat(MainViewModel.canOpen(text)).isFalse();
        assertThat(MainViewModel.canOpen(plainFolder)).isFalse();
        assertThat(MainViewModel.canOpen(dir.resolve("missing.onnx"))).isFalse();
    }

    @Test
    void openDispatchesFoldersToProjectsAndFilesToModels() {
        openDemo();
        Path demoFolder = project().folder().orElseThrow();
        vm.newProject();

        vm.open(TestFiles.fixture("mobilenetv2.onnx"));
        assertThat(vm.modelProperty().get().displayName()).isEqualTo("mobilenetv2.onnx");
        assertThat(project().name()).isEqualTo("Untitled project");

        dialogs.saveChoice = SaveChoice.DISCARD;
        vm.open(demoFolder);
        assertThat(project().name()).contains("Demo");
    }

    @Test
    void withoutAProjectTheTitleSaysSoAndSavingDoesNothing() {
        assertThat(vm.titleProperty().get()).isEqualTo("no project — CompressLab");
        assertThat(vm.save()).isFalse();
        assertThat(vm.saveAs()).isFalse();
        assertThat(dialogs.shown).isEmpty();
    }

    @Test
    void aLastProjectThatNoLongerOpensFallsBackToTheDemoAfterSayingWhy() throws Exception {
        Path broken = java.nio.file.Files.createDirectories(dir.resolve("broken-project"));
        java.nio.file.Files.writeString(broken.resolve("project.json"), "{ this is not json");
        preferences.addRecentProject(broken);

        vm.openStartupProject();

        assertThat(dialogs.errors()).hasSize(1);
        assertThat(dialogs.errors().get(0).title()).isEqualTo("Cannot open the project");
        assertThat(project().name()).contains("Demo");
        assertThat(vm.modelProperty().get()).isNotNull();
    }
}

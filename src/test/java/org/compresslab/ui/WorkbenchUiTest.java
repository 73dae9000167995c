package org.compresslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compresslab.ui.UiTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.compresslab.TestFiles;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.ui.shell.AppPreferences;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The workbench as a user meets it, headless: demo → inspector → evaluate; cancel; bad model; save and reopen. */
@ExtendWith(ApplicationExtension.class)
class WorkbenchUiTest {
    @TempDir
    static Path dataFolder;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private AppPreferences preferences;
    private TaskExecutor tasks;
    private Workbench workbench;

    @Start
    void start(Stage stage) {
        System.setProperty("compresslab.data", dataFolder.toString());
        preferences = UiTestSupport.freshPreferences();
        tasks = TaskExecutor.forFx();
        workbench = new Workbench(tasks, dialogs, preferences, stage::close);
        stage.setScene(new Scene(workbench.root(), 1200, 800));
        stage.show();
    }

    @AfterEach
    void stopTasks() {
        tasks.cancelAll();
        tasks.shutdown();
    }

    private void openDemo() {
        WaitForAsyncUtils.asyncFx(() -> workbench.main().openStartupProject());
        waitUntil(20, () -> workbench.main().modelProperty().get() != null);
    }

    /** Clicks a tab's header (a plain text lookup would also match the Evaluate button inside the page). */
    private static void openTab(FxRobot robot, String title) {
        robot.clickOn(robot.lookup(".tab-header-area .tab-label")
                .match(org.testfx.matcher.control.LabeledMatchers.hasText(title)).queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void demoOpensInspectorListsLayersAndEvaluateShowsAccuracy(FxRobot robot) {
        openDemo();
        assertThat(workbench.main().projectProperty().get().name()).contains("Demo");
        TableView<?> layers = robot.lookup("#layerTable").queryAs(TableView.class);
        int nodes = workbench.main().modelProperty().get().graph().nodes().size();
        waitUntil(10, () -> layers.getItems().size() == nodes && nodes > 0);

        openTab(robot, "Evaluate");
        WaitForAsyncUtils.asyncFx(() -> {
            workbench.evaluate().limitProperty().set(500);
            workbench.evaluate().runsProperty().set(20);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#evaluateButton");
        try {
            waitUntil(60, () -> workbench.evaluate().resultProperty().get() != null);
        } catch (AssertionError e) {
            throw new AssertionError("status: " + workbench.evaluate().statusProperty().get() + "; validation: "
                    + workbench.evaluate().validationMessageProperty().get() + "; busy " + workbench.evaluate().busyProperty().get()
                    + "; tasks " + tasks.tasks().stream().map(t -> t.title() + "=" + t.state() + ":" + t.errorProperty().get()).toList()
                    + "; dialogs " + dialogs.shown, e);
        }

        Label accuracy = robot.lookup("#accuracyLabel").queryAs(Label.class);
        assertThat(accuracy.getText()).matches("\\d+\\.\\d\\d%");
        assertThat(robot.lookup("#intervalLabel").queryAs(Label.class).getText()).contains("95% CI", "n = 500");
        assertThat(workbench.main().runs()).hasSize(1);
        assertThat(workbench.main().dirtyProperty().get()).isTrue();
    }

    @Test
    void cancellingAnEvaluationLeavesTheProjectUnchanged(FxRobot robot) {
        openDemo();
        // ResNet-18 at 64×64 on all 10,000 images takes long enough to cancel midway
        dialogs.fileAnswers.add(Optional.of(TestFiles.fixture("resnet18.onnx")));
        WaitForAsyncUtils.asyncFx(() -> workbench.main().openModelDialog());
        waitUntil(30, () -> workbench.main().modelProperty().get() != null
                && workbench.main().modelProperty().get().displayName().equals("resnet18.onnx"));
        Project project = workbench.main().projectProperty().get();
        int runsBefore = project.runs().size();
        openTab(robot, "Evaluate");
        WaitForAsyncUtils.asyncFx(() -> workbench.evaluate().limitProperty().set(0));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("#evaluateButton");
        waitUntil(30, () -> workbench.evaluate().progressProperty().get() > 0.02);
        robot.clickOn("#cancelButton");
        waitUntil(30, () -> !workbench.evaluate().busyProperty().get());

        assertThat(tasks.tasks()).anyMatch(t -> t.state() == TaskState.CANCELLED);
        assertThat(project.runs()).hasSize(runsBefore);
        assertThat(workbench.evaluate().resultProperty().get()).isNull();
        assertThat(workbench.evaluate().statusProperty().get()).contains("Cancelled");
        assertThat(dialogs.errors()).isEmpty();
    }

    @Test
    void corruptModelShowsAnErrorAndTheAppStaysUsable(@TempDir Path dir, FxRobot robot) throws Exception {
        openDemo();
        String before = workbench.main().modelProperty().get().displayName();
        Path corrupt = Files.write(dir.resolve("corrupt.onnx"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        WaitForAsyncUtils.asyncFx(() -> workbench.main().openModel(corrupt));
        waitUntil(20, () -> !dialogs.errors().isEmpty());

        RecordingDialogService.Shown error = dialogs.errors().get(0);
        assertThat(error.title()).isEqualTo("Cannot open the model");
        assertThat(error.message()).contains("corrupt.onnx").doesNotContain("Exception");
        assertThat(error.details()).isNotNull();
        assertThat(workbench.main().modelProperty().get().displayName()).isEqualTo(before);
        // still usable: the inspector still lists the demo model's layers and another model opens
        WaitForAsyncUtils.asyncFx(() -> workbench.main().openModel(TestFiles.fixture("mobilenetv2.onnx")));
        waitUntil(20, () -> workbench.main().modelProperty().get().displayName().equals("mobilenetv2.onnx"));
    }

    @Test
    void savingClosingAndReopeningAProjectRestoresItsRuns(@TempDir Path dir, FxRobot robot) {
        openDemo();
        WaitForAsyncUtils.asyncFx(() -> {
            workbench.evaluate().limitProperty().set(300);
            workbench.evaluate().runsProperty().set(10);
            workbench.evaluate().evaluate();
        });
        waitUntil(60, () -> workbench.main().runs().size() == 1);
        Path folder = dir.resolve("saved-project");
        dialogs.fileAnswers.add(Optional.of(folder));
        WaitForAsyncUtils.asyncFx(() -> workbench.main().saveAs());
        waitUntil(10, () -> Files.exists(folder.resolve(ProjectStore.PROJECT_FILE)));
        assertThat(workbench.main().dirtyProperty().get()).isFalse();
        double accuracy = workbench.main().runs().get(0).result().accuracy().top1();

        // a new window (as after quitting and starting again) opens the saved folder
        Workbench[] second = new Workbench[1];
        WaitForAsyncUtils.asyncFx(() -> {
            second[0] = new Workbench(tasks, dialogs, UiTestSupport.freshPreferences(), () -> { });
            second[0].main().openProject(folder);
        });
        waitUntil(20, () -> second[0] != null && second[0].main().runs().size() == 1);
        assertThat(second[0].main().runs().get(0).result().accuracy().top1()).isEqualTo(accuracy);
        assertThat(second[0].main().runs().get(0).result().accuracy().n()).isEqualTo(300);
        assertThat(second[0].main().modelProperty().get()).isNotNull();
        assertThat(second[0].main().projectProperty().get().name()).contains("Demo");
    }
}

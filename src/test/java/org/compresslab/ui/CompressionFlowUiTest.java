package org.compresslab.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compresslab.ui.UiTestSupport.waitUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.study.Run;
import org.compresslab.ui.shell.AppPreferences;
import org.compresslab.ui.tasks.FxPulseProbe;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TaskState;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.matcher.control.LabeledMatchers;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The whole product loop as a user drives it, headless: the demo project → the wizard → static int8 →
 * the run completes in the queue → the trade-off chart shows the baseline and the new point → the
 * report is exported and names the technique. A probe watches the FX thread all along.
 */
@ExtendWith(ApplicationExtension.class)
class CompressionFlowUiTest {
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
        stage.setScene(new Scene(workbench.root(), 1280, 850));
        stage.show();
    }

    @AfterEach
    void stopTasks() {
        tasks.cancelAll();
        tasks.shutdown();
    }

    private static Button button(FxRobot robot, String text) {
        return robot.lookup(".button").match(LabeledMatchers.hasText(text)).queryAs(Button.class);
    }

    private static void setSpinner(FxRobot robot, String id, int value) {
        Spinner<?> spinner = robot.lookup("#" + id).queryAs(Spinner.class);
        robot.interact(() -> spinner.getEditor().setText(Integer.toString(value)));
    }

    @Test
    void demoToWizardToStaticInt8ToChartToReport(FxRobot robot, @TempDir Path out) throws Exception {
        WaitForAsyncUtils.asyncFx(() -> workbench.main().openStartupProject());
        waitUntil(30, () -> workbench.main().modelProperty().get() != null);

        robot.clickOn("#compressButton"); // opens the wizard (modal)
        waitUntil(10, () -> robot.lookup("#availableTechniques").tryQuery().isPresent());

        // 1 · techniques: static int8 alone
        @SuppressWarnings("unchecked")
        ListView<TechniqueDescriptor> available = robot.lookup("#availableTechniques").queryAs(ListView.class);
        robot.interact(() -> available.getSelectionModel().select(available.getItems().stream()
                .filter(d -> d.id().equals("quantize.static-int8")).findFirst().orElseThrow()));
        assertThat(button(robot, "Next").isDisabled()).isTrue(); // nothing in the pipeline yet
        robot.clickOn("#addStep");
        robot.clickOn(button(robot, "Next"));
        // 2 · parameters: fewer calibration images to keep the test short
        setSpinner(robot, "param-samples", 64);
        robot.clickOn(button(robot, "Next"));
        // 3 · data: 1,000 images judge
        setSpinner(robot, "evaluationLimit", 1000);
        robot.clickOn(button(robot, "Next"));
        // 4 · measurement
        setSpinner(robot, "latencyRuns", 30);
        robot.clickOn(button(robot, "Next"));
        // 5 · review shows the recipe the CLI would run
        String recipe = robot.lookup("#recipeJson").queryAs(TextArea.class).getText();
        assertThat(recipe).contains("\"technique\" : \"quantize.static-int8\"").contains("\"samples\" : 64");
        robot.clickOn(button(robot, "Finish "));

        // the queue shows the run and it completes: baseline measured first, then the int8 step
        waitUntil(10, () -> workbench.queue().queue().size() == 1);
        WaitForAsyncUtils.waitForFxEvents();
        try (FxPulseProbe probe = new FxPulseProbe().start()) {
            waitUntil(240, () -> workbench.queue().queue().get(0).taskProperty().get().state().isDone());
            assertThat(workbench.queue().queue().get(0).taskProperty().get().state())
                    .as("run outcome: %s", workbench.queue().queue().get(0).taskProperty().get().errorProperty().get())
                    .isEqualTo(TaskState.SUCCEEDED);
            String summary = probe.summary();
            System.out.println("FX responsiveness during the run: " + summary);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "fx-responsiveness.txt"), summary + System.lineSeparator());
            // the 100 ms budget is measured and quoted (target/fx-responsiveness.txt); the assertion only
            // catches work done on the FX thread, which blocks for seconds, not a scheduling hiccup
            assertThat(probe.maxMs()).as(summary).isLessThan(1000);
        }

        assertThat(workbench.main().runs()).extracting(Run::kind).containsExactly(Run.KIND_EVALUATE,
                "quantize.static-int8");
        Run int8 = workbench.main().runs().get(1);
        assertThat(int8.result().accuracy().n()).isEqualTo(1000);
        assertThat(int8.parentRunId()).isEqualTo(workbench.main().runs().get(0).id());
        // saved into the demo project's folder as it finished (the files are written in the background)
        waitUntil(20, () -> !workbench.main().dirtyProperty().get());

        // the chart: baseline and the new point
        robot.clickOn(robot.lookup(".tab-header-area .tab-label").match(LabeledMatchers.hasText("Trade-offs"))
                .queryAs(Label.class));
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer viewer = robot.lookup("#tradeOffChart").queryAs(ChartViewer.class);
        XYDataset points = viewer.getChart().getXYPlot().getDataset(0);
        assertThat(seriesKeys(points)).contains("baseline", "quantization");
        assertThat(robot.lookup("#tradeOffSummary").queryAs(Label.class).getText()).startsWith("2 evaluated run(s)");

        // the report
        Path report = out.resolve("report.html");
        dialogs.fileAnswers.add(Optional.of(report));
        WaitForAsyncUtils.asyncFx(() -> workbench.main().exportReportDialog());
        waitUntil(30, () -> Files.isRegularFile(report));
        String html = Files.readString(report);
        assertThat(html).contains("quantize.static-int8").contains("<svg");
        assertThat(dialogs.errors()).isEmpty();
    }

    private static java.util.List<String> seriesKeys(XYDataset d) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < d.getSeriesCount(); i++) {
            keys.add(String.valueOf(d.getSeriesKey(i)));
        }
        return keys;
    }
}

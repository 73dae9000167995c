package org.compresslab.ui.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.quantize.StaticInt8Quantizer;
import org.compresslab.eval.ModelFile;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The page's wiring: choosing a run fills the table, the take-aways and the totals. */
@ExtendWith(ApplicationExtension.class)
class WhatChangedViewTest {
    @TempDir
    static Path dir;

    private Run int8;

    // lookups stay in this page: windows of other UI tests in the same JVM may hold the same ids
    private javafx.scene.Parent root;

    @Start
    void start(Stage stage) throws Exception {
        ModelFile m = CompressionFixtures.sample("resnet8");
        StaticInt8Quantizer q = new StaticInt8Quantizer();
        Path file = dir.resolve("int8.onnx");
        OnnxWriter.write(q.apply(m.graph(), StepParameters.validate(q.descriptor(), Map.of("samples", 16)),
                CompressionFixtures.context(m)).model(), file);
        Project project = new Project("view");
        project.setBaselineModel(m.path().toString());
        int8 = new Run(Run.newId(), "Static int8", StaticInt8Quantizer.ID, Instant.now(), "int8", null, file.toString(),
                null, null, null, Run.FINISHED, null);
        project.addRun(int8);
        WhatChangedViewModel vm = new WhatChangedViewModel(TaskExecutor.sameThread(),
                FXCollections.observableArrayList(project.runs()), () -> project);
        root = WhatChangedView.load(vm);
        stage.setScene(new Scene(root, 1280, 720));
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void choosingARunShowsItsChangedLayers(FxRobot robot) {
        assertThat(robot.from(root).lookup("#changesMessage").queryAs(Label.class).getText())
                .isEqualTo(WhatChangedViewModel.CHOOSE);

        ComboBox<Run> chooser = robot.from(root).lookup("#changesRunChooser").queryAs(ComboBox.class);
        System.gc(); // the page must keep its view-model alive by itself (it once did not)
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> chooser.getSelectionModel().select(int8));
        WaitForAsyncUtils.waitForFxEvents();

        TableView<ChangeRow> table = robot.from(root).lookup("#changesTable").queryAs(TableView.class);
        String message = robot.from(root).lookup("#changesMessage").queryAs(Label.class).getText();
        assertThat(table.getItems()).as("message: %s", message).hasSize(10).allMatch(r -> r.change().startsWith("weights float32→int8"));
        assertThat(robot.from(root).lookup("#changesMessage").queryAs(Label.class).isVisible()).isFalse();
        VBox highlights = robot.from(root).lookup("#changesHighlights").queryAs(VBox.class);
        assertThat(highlights.getChildren()).extracting(n -> ((Label) n).getText())
                .contains("• int8 weights in 10 layers (were float32)");
        VBox totals = robot.from(root).lookup("#changesTotals").queryAs(VBox.class);
        assertThat(((Label) totals.getChildren().get(3)).getText()).startsWith("File ").contains("× smaller");
        assertThat(robot.from(root).lookup("#changesSummary").queryAs(Label.class).getText())
                .startsWith("10 layers changed, 50 nodes added, 9 removed");
    }
}

package org.compresslab.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.Project;
import org.compresslab.study.RecipeRuns;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Compare page's wiring: sorting by a number column, two selected rows enabling the interleaved comparison. */
@ExtendWith(ApplicationExtension.class)
class CompareViewTest {
    @TempDir
    static Path dir;

    private CompareViewModel vm;

    @Start
    void start(Stage stage) {
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(100).withRuns(5);
        ModelFile m = CompressionFixtures.sample("lenet5");
        Run baseline = Run.evaluation("Baseline evaluation", "float", m.path().toString(), settings,
                CompressionFixtures.evaluate(m, settings.limit(), settings.runs()));
        Project project = new Project("view");
        project.setDataset(new DatasetChoice("fashion-mnist", "test", null));
        project.setSettings(settings);
        project.addRun(baseline);
        var steps = new RecipeRunner(TechniqueRegistry.standard()).run(m, RecipeJson.parse(
                        "{\"steps\":[{\"technique\":\"prune.channels\",\"ratio\":0.5,\"protect_first_last\":false},"
                                + "{\"technique\":\"quantize.fp16\"}]}"),
                CompressionFixtures.context(m), settings, dir, s -> { });
        RecipeRuns.of(steps, baseline.id(), settings).forEach(project::addRun);
        vm = new CompareViewModel(TaskExecutor.sameThread(), FXCollections.observableArrayList(project.runs()),
                () -> project);
        stage.setScene(new Scene(CompareView.load(vm), 1280, 720));
        stage.show();
    }

    @Test
    @SuppressWarnings("unchecked")
    void sortingBySizeAndComparingTwoSelectedRuns(FxRobot robot) {
        TableView<CompareRow> table = robot.lookup("#compareTable").queryAs(TableView.class);
        Button compare = robot.lookup("#compareButton").queryAs(Button.class);
        assertThat(table.getItems()).hasSize(3);
        assertThat(compare.isDisabled()).isTrue();

        robot.interact(() -> {
            TableColumn<CompareRow, ?> size = table.getColumns().get(7);
            table.getSortOrder().setAll(List.of(size));
        });
        // float16 halves the pruned file: smallest first, the baseline (1.00×) last
        assertThat(table.getItems()).extracting(r -> r.row().kind())
                .containsExactly("quantize.fp16", "prune.channels", Run.KIND_EVALUATE);

        robot.interact(() -> table.getSelectionModel().selectIndices(0, 2));
        assertThat(compare.isDisabled()).isFalse();
        robot.clickOn(compare);
        WaitForAsyncUtils.waitForFxEvents();

        VBox lines = robot.lookup("#compareResult").queryAs(VBox.class);
        assertThat(lines.getChildren()).hasSize(6);
        assertThat(((Label) lines.getChildren().get(0)).getText()).startsWith("Speed: ");
        assertThat(robot.lookup("#compareStatus").queryAs(Label.class).getText())
                .isEqualTo("Compared on 100 images, 5 timed runs each.");
        assertThat(vm.resultProperty().get().b().model()).endsWith("quantize.fp16.onnx");
    }
}

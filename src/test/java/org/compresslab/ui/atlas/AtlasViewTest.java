package org.compresslab.ui.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.compresslab.TestFiles;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.Recipe;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.AtlasInputs;
import org.compresslab.study.AtlasRow;
import org.compresslab.ui.RecordingDialogService;
import org.compresslab.ui.tasks.TaskExecutor;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class AtlasViewTest {
    private final List<Recipe> started = new ArrayList<>();
    private final TaskExecutor tasks = TaskExecutor.forFx();
    private AtlasViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        ModelFile lenet = CompressionFixtures.sample("lenet5");
        vm = new AtlasViewModel(tasks, new RecordingDialogService(), () -> AtlasInputs.of(lenet,
                lenet.preprocessing().orElseThrow(), CompressionFixtures.trainData(), CompressionFixtures.testData()),
                started::add);
        vm.setModel(lenet);
        vm.probeImagesProperty().set(100);
        Scene scene = new Scene(AtlasView.load(vm), 1280, 800);
        scene.getStylesheets().add(org.compresslab.ui.Workbench.class.getResource("shell/workbench.css").toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() {
        tasks.cancelAll();
        tasks.shutdown();
    }

    @Test
    void beforeAnalysingThePageSaysWhatToDo(FxRobot robot) {
        Label empty = robot.lookup("#atlasEmpty").queryAs(Label.class);
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).startsWith("Press \u201cAnalyse layers\u201d").contains("100 images");
        assertThat(robot.lookup("#atlasContent").query().isVisible()).isFalse();
        assertThat(robot.lookup("#analyseButton").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void analysingFillsAHeatColouredTableWhoseRowsStartRuns(FxRobot robot) throws Exception {
        robot.clickOn("#analyseButton");
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.atlasProperty().get() != null);
        WaitForAsyncUtils.waitForFxEvents();

        TableView<AtlasRow> table = table(robot);
        assertThat(robot.lookup("#atlasContent").query().isVisible()).isTrue();
        assertThat(robot.lookup("#atlasEmpty").query().isVisible()).isFalse();
        assertThat(table.getColumns()).extracting(TableColumn::getText)
                .containsExactly("Layer", "Op", "Params", "Quantization", "Pruning: Δ top-1 at channels removed",
                        "Low-rank: Δ top-1 at rank removed");
        assertThat(table.getColumns().get(4).getColumns()).extracting(TableColumn::getText)
                .containsExactly("10%", "20%", "30%", "40%", "50%", "60%", "70%", "80%", "90%", "mean");
        assertThat(table.getItems()).hasSize(5);
        // every measured cell carries its heat colour; the output layer's pruning cells say "not scanned"
        List<TableCell<?, ?>> shown = robot.lookup(".table-cell").queryAll().stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.isVisible() && c.getTableRow() != null
                        && c.getTableRow().isVisible() && c.getTableRow().getItem() != null)
                .<TableCell<?, ?>>map(n -> (TableCell<?, ?>) n).toList();
        assertThat(shown).filteredOn(c -> c.getItem() instanceof AtlasColumn.Cell).hasSize(5 * 15 - 10)
                .allMatch(c -> c.getStyle().contains("-fx-background-color: #"));
        assertThat(shown).filteredOn(c -> "\u2014".equals(c.getText())).hasSize(10)
                .allMatch(c -> c.getStyle().equals(HeatColours.missingStyle()));
        assertThat(robot.lookup("#atlasLegend").queryAs(Label.class).getText()).contains("Darker = more sensitive");

        robot.interact(() -> table.getSelectionModel().select(1));
        WaitForAsyncUtils.waitForFxEvents();
        ChartViewer chart = robot.lookup("#atlasChart").queryAs(ChartViewer.class);
        assertThat(chart.getChart().getTitle().getText()).isEqualTo("Pruning sensitivity of conv2");
        assertThat(chart.getChart().getXYPlot().getDataset().getSeriesCount()).isEqualTo(2);

        screenshot(robot, "atlas.png");
        robot.clickOn("#keepFloatButton");
        assertThat(started).hasSize(1);
        assertThat(started.get(0).steps().get(0).parameters()).containsEntry("exclude", List.of("conv2"));

        robot.interact(() -> table.getSelectionModel().select(4));
        assertThat(robot.lookup("#dontPruneButton").queryAs(Button.class).isDisabled()).isTrue();
    }

    private void screenshot(FxRobot robot, String name) throws Exception {
        BufferedImage[] image = new BufferedImage[1];
        robot.interact(() -> image[0] = SwingFXUtils.fromFXImage(stage.getScene().snapshot(null), null));
        Path out = TestFiles.projectRoot().resolve("target/screenshots").resolve(name);
        Files.createDirectories(out.getParent());
        ImageIO.write(image[0], "png", out.toFile());
    }

    @SuppressWarnings("unchecked")
    private static TableView<AtlasRow> table(FxRobot robot) {
        Node n = robot.lookup("#atlasTable").query();
        return (TableView<AtlasRow>) n;
    }
}

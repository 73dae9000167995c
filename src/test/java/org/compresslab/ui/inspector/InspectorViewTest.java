package org.compresslab.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.compresslab.TestFiles;
import org.compresslab.eval.ModelFile;
import org.compresslab.ui.tasks.TaskExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class InspectorViewTest {
    private InspectorViewModel vm;
    private InspectorView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        vm = new InspectorViewModel(TaskExecutor.sameThread());
        view = InspectorView.loadView(vm);
        vm.setModel(ModelFile.load(TestFiles.fixture("fashion_cnn.onnx")));
        stage.setScene(new Scene(view.root(), 1280, 800));
        stage.show();
    }

    @Test
    void tableListsTheLayersOfTheModel(FxRobot robot) {
        TableView<LayerRow> table = table(robot);
        assertThat(table.getItems()).hasSize(8);
        assertThat(table.getItems()).extracting(LayerRow::op)
                .containsExactly("Conv", "Relu", "MaxPool", "Conv", "Relu", "MaxPool", "Flatten", "Gemm");
        assertThat(robot.lookup("#paramsValue").queryAs(Label.class).getText()).isEqualTo("9,098 (9.1 k)");
        assertThat(robot.lookup("#layerCountLabel").queryAs(Label.class).getText()).isEqualTo("8 layers");
        assertThat(robot.lookup("#emptyLabel").queryAs(Label.class).isVisible()).isFalse();
    }

    @Test
    void typingInTheFilterNarrowsTheTable(FxRobot robot) {
        robot.clickOn("#filterField").write("conv");
        WaitForAsyncUtils.waitForFxEvents();

        TableView<LayerRow> table = table(robot);
        assertThat(table.getItems()).hasSize(2).allMatch(r -> r.op().equals("Conv"));
        assertThat(robot.lookup("#layerCountLabel").queryAs(Label.class).getText()).isEqualTo("2 of 8 layers");
    }

    @Test
    void numericColumnsSortByValue(FxRobot robot) {
        TableView<LayerRow> table = table(robot);
        robot.interact(() -> {
            table.getSortOrder().setAll(table.getColumns().get(5)); // MACs
            table.getColumns().get(5).setSortType(javafx.scene.control.TableColumn.SortType.DESCENDING);
        });
        assertThat(table.getItems()).extracting(LayerRow::macs).startsWith(225_792L, 56_448L, 7_840L);
    }

    @Test
    void theToggleSwitchesTheChartToParameters(FxRobot robot) {
        assertThat(view.chartLabels()).hasSize(3);
        String topByMacs = view.chartLabels().get(0);

        robot.clickOn("#paramsToggle");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(vm.chartMetricProperty().get()).isEqualTo(ChartMetric.PARAMS);
        assertThat(view.chartLabels().get(0)).isNotEqualTo(topByMacs); // the Gemm holds most weights
        robot.clickOn("#paramsToggle"); // clicking the selected one keeps it selected
        assertThat(robot.lookup("#paramsToggle").queryAs(ToggleButton.class).isSelected()).isTrue();
    }

    @Test
    void withoutAModelTheViewInvitesToOpenOne(FxRobot robot) {
        robot.interact(() -> vm.setModel(null));

        Label empty = robot.lookup("#emptyLabel").queryAs(Label.class);
        assertThat(empty.isVisible()).isTrue();
        assertThat(empty.getText()).isEqualTo("Open a model (File ▸ Open model…, or drop an .onnx file here)");
        assertThat(robot.lookup("#content").query().isVisible()).isFalse();
    }

    @Test
    void statisticsComputedInTheBackgroundReachTheTable(FxRobot robot) throws Exception {
        TaskExecutor executor = TaskExecutor.forFx();
        try {
            InspectorViewModel async = new InspectorViewModel(executor);
            boolean[] busyAtOnce = {false};
            robot.interact(() -> {
                stage.getScene().setRoot(InspectorView.load(async)); // the public entry the main window uses
                async.setModel(ModelFile.load(TestFiles.fixture("resnet18.onnx")));
                busyAtOnce[0] = async.busyProperty().get();
            });
            assertThat(busyAtOnce[0]).isTrue();

            WaitForAsyncUtils.waitFor(20, java.util.concurrent.TimeUnit.SECONDS, () -> !async.busyProperty().get());
            WaitForAsyncUtils.waitForFxEvents();

            assertThat(table(robot).getItems()).hasSize(69);
            assertThat(robot.lookup("#macsValue").queryAs(Label.class).getText()).isEqualTo("148,050,944 (148.1 M)");
            assertThat(robot.lookup("#busyPane").query().isVisible()).isFalse();
        } finally {
            executor.shutdown();
        }
    }

    /** Writes target/screenshots/inspector.png of ResNet-18, for the docs and for looking at the layout. */
    @Test
    void screenshotOfResNet18(FxRobot robot) throws Exception {
        robot.interact(() -> vm.setModel(ModelFile.load(TestFiles.fixture("resnet18.onnx"))));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(table(robot).getItems()).hasSize(69);

        BufferedImage[] image = new BufferedImage[1];
        robot.interact(() -> {
            WritableImage shot = stage.getScene().snapshot(null);
            image[0] = SwingFXUtils.fromFXImage(shot, null);
        });
        Path out = TestFiles.projectRoot().resolve("target/screenshots/inspector.png");
        Files.createDirectories(out.getParent());
        ImageIO.write(image[0], "png", out.toFile());
        assertThat(out).isNotEmptyFile();
    }

    @SuppressWarnings("unchecked")
    private static TableView<LayerRow> table(FxRobot robot) {
        return robot.lookup("#layerTable").queryAs(TableView.class);
    }
}

package org.compresslab.ui.tradeoff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compresslab.ui.UiTestSupport.waitUntil;

import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.geometry.Point2D;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import org.compresslab.study.report.ReportFixtures;
import org.compresslab.ui.RecordingDialogService;
import org.jfree.chart.entity.XYItemEntity;
import org.jfree.chart.fx.ChartViewer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The chart page headless: a click on a point reaches the view-model's action, the button exports. */
@ExtendWith(ApplicationExtension.class)
class TradeOffViewTest {
    @TempDir
    static Path dir;
    static Project project;

    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<String> clicked = new ArrayList<>();

    @BeforeAll
    static void makeProject() {
        project = ReportFixtures.savedProject(dir.resolve("project"), dir.resolve("scratch"));
    }

    @Start
    void start(Stage stage) {
        TradeOffViewModel vm = new TradeOffViewModel(FXCollections.observableArrayList(project.runs()), dialogs);
        vm.setOnRunClicked(clicked::add);
        stage.setScene(new Scene(TradeOffView.load(vm), 900, 600));
        stage.show();
    }

    @Test
    void clickingTheInt8PointOpensThatRun(FxRobot robot) {
        ChartViewer viewer = robot.lookup("#tradeOffChart").queryAs(ChartViewer.class);
        waitUntil(10, () -> viewer.getRenderingInfo() != null && pointOf(viewer, "quantization") != null);
        XYItemEntity int8 = pointOf(viewer, "quantization");
        Rectangle2D area = int8.getArea().getBounds2D();

        Point2D onScreen = viewer.getCanvas().localToScreen(area.getCenterX(), area.getCenterY());
        robot.clickOn(onScreen);
        WaitForAsyncUtils.waitForFxEvents();

        Run expected = project.runs().stream().filter(r -> r.kind().equals("quantize.static-int8")).findFirst()
                .orElseThrow();
        assertThat(clicked).containsExactly(expected.id());
        assertThat(int8.getToolTipText()).startsWith("Step 2: Static int8 quantization\nStatic int8 quantization\n");
    }

    @Test
    void theExportButtonSavesTheChartWhereTheUserSays(FxRobot robot) throws Exception {
        Path svg = dir.resolve("from-the-button.svg");
        dialogs.fileAnswers.add(Optional.of(svg));

        robot.clickOn("#tradeOffExport");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Files.readString(svg)).contains(">top-1 accuracy</text>");
        assertThat(dialogs.errors()).isEmpty();
    }

    private static XYItemEntity pointOf(ChartViewer viewer, String series) {
        if (viewer.getRenderingInfo() == null || viewer.getRenderingInfo().getEntityCollection() == null) {
            return null;
        }
        for (Object e : viewer.getRenderingInfo().getEntityCollection().getEntities()) {
            if (e instanceof XYItemEntity item && item.getDataset() == viewer.getChart().getXYPlot().getDataset(0)
                    && series.equals(item.getDataset().getSeriesKey(item.getSeriesIndex()))) {
                return item;
            }
        }
        return null;
    }
}

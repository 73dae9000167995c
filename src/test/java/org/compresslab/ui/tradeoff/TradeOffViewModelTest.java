package org.compresslab.ui.tradeoff;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javax.imageio.ImageIO;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.TradeOffPoint;
import org.compresslab.study.chart.TradeOffChartFactory;
import org.compresslab.study.report.ReportFixtures;
import org.compresslab.ui.RecordingDialogService;
import org.jfree.chart.JFreeChart;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TradeOffViewModelTest {
    @TempDir
    static Path dir;
    /** LeNet-5, magnitude-pruned, then static int8 (all evaluated), and a failed run. */
    static Project project;

    @BeforeAll
    static void makeProject() {
        project = ReportFixtures.savedProject(dir.resolve("project"), dir.resolve("scratch"));
    }

    private static Run named(String name) {
        return project.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theChartFollowsTheProjectsRunsAndTheChosenAxis() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationResult r = CompressionFixtures.evaluate(m, 200, 10);
        ObservableList<Run> runs = FXCollections.observableArrayList();
        TradeOffViewModel vm = new TradeOffViewModel(runs);
        assertThat(vm.tradeOffProperty().get().points()).isEmpty();

        runs.add(Run.evaluation("Baseline", "float", "lenet5.onnx", EvaluationSettings.defaults(), r));

        assertThat(vm.tradeOffProperty().get().points()).hasSize(1);
        assertThat(vm.tradeOffProperty().get().points().get(0).cost()).isEqualTo(r.latency().p50());
        assertThat(vm.summary()).isEqualTo("1 evaluated run(s) plotted, 1 on the Pareto front");

        vm.axisProperty().set(TradeOffAxis.SIZE_BYTES);

        assertThat(vm.tradeOffProperty().get().axis()).isEqualTo(TradeOffAxis.SIZE_BYTES);
        assertThat(vm.tradeOffProperty().get().points().get(0).cost()).isEqualTo(r.size().bytes());
    }

    @Test
    void everyItemTheChartDrawsMapsToTheRunPlottedThere() {
        TradeOffViewModel vm = new TradeOffViewModel(FXCollections.observableArrayList(project.runs()));
        for (TradeOffAxis axis : TradeOffAxis.values()) {
            vm.axisProperty().set(axis);
            JFreeChart chart = TradeOffChartFactory.create(vm.tradeOffProperty().get());
            XYDataset points = chart.getXYPlot().getDataset(0);

            List<String> seen = new ArrayList<>();
            for (int s = 0; s < points.getSeriesCount(); s++) {
                Comparable<?> key = points.getSeriesKey(s);
                for (int i = 0; i < points.getItemCount(s); i++) {
                    TradeOffPoint p = vm.pointAt(key, i).orElseThrow();
                    assertThat(p.cost()).as("%s %s#%d", axis, key, i).isEqualTo(points.getXValue(s, i));
                    assertThat(p.accuracy()).isEqualTo(points.getYValue(s, i));
                    assertThat(p.isBaseline() ? "baseline" : p.family().id()).isEqualTo(key);
                    Run run = vm.runAt(key, i).orElseThrow();
                    assertThat(run.id()).isEqualTo(p.runId());
                    seen.add(run.name());
                }
                assertThat(vm.pointAt(key, points.getItemCount(s))).isEmpty();
            }
            assertThat(seen).containsExactlyInAnyOrder(ReportFixtures.AWKWARD_NAME,
                    "Step 1: Magnitude pruning (unstructured)", "Step 2: Static int8 quantization");
        }
        assertThat(vm.pointAt("distillation", 0)).isEmpty();
        assertThat(vm.pointAt("baseline", -1)).isEmpty();
    }

    @Test
    void hoveringAPointNamesTheRunItsTechniqueAccuracyLatencyAndSize() {
        TradeOffViewModel vm = new TradeOffViewModel(FXCollections.observableArrayList(project.runs()));
        vm.axisProperty().set(TradeOffAxis.MACS);
        EvaluationResult e = named("Step 2: Static int8 quantization").result();

        String tip = vm.tooltip("quantization", 0);

        assertThat(tip).startsWith("Step 2: Static int8 quantization\nStatic int8 quantization\n")
                .contains(String.format(java.util.Locale.ROOT, "top-1 %.2f%% (95%% CI %.2f–%.2f%%, 200 images)",
                        100 * e.accuracy().top1(), 100 * e.accuracy().top1Ci95().lo(),
                        100 * e.accuracy().top1Ci95().hi()))
                .contains(String.format(java.util.Locale.ROOT, "latency p50 %.4g ms", e.latency().p50()))
                .contains("in " + e.runtime())
                .contains(String.format(java.util.Locale.ROOT, "size %,d bytes", e.size().bytes()))
                .contains(String.format(java.util.Locale.ROOT, "MACs per image %,d", e.macs()));
        assertThat(vm.tooltip("baseline", 0)).contains("evaluation (no compression)");
        assertThat(vm.tooltip("pruning", 3)).isNull();
    }

    @Test
    void clickingAPointHandsItsRunsIdToTheActionAndClickingElsewhereNothing() {
        TradeOffViewModel vm = new TradeOffViewModel(FXCollections.observableArrayList(project.runs()));
        List<String> clicked = new ArrayList<>();
        vm.pointClicked("quantization", 0); // no action set yet: nothing happens, nothing breaks
        vm.setOnRunClicked(clicked::add);

        vm.pointClicked("quantization", 0);
        vm.pointClicked("pruning", 0);
        vm.pointClicked("pruning", 1);
        vm.pointClicked("Pareto front", 0);

        assertThat(clicked).containsExactly(named("Step 2: Static int8 quantization").id(),
                named("Step 1: Magnitude pruning (unstructured)").id());
    }

    @Test
    void theChartIsExportedAsSvgOrPngByTheChosenNamesExtension() throws Exception {
        RecordingDialogService dialogs = new RecordingDialogService();
        TradeOffViewModel vm = new TradeOffViewModel(FXCollections.observableArrayList(project.runs()), dialogs);
        Path svg = dir.resolve("chart.svg");
        Path png = dir.resolve("chart.PNG");
        Path bare = dir.resolve("chart-without-extension");
        dialogs.fileAnswers.add(Optional.of(svg));
        dialogs.fileAnswers.add(Optional.of(png));
        dialogs.fileAnswers.add(Optional.of(bare));
        dialogs.fileAnswers.add(Optional.empty()); // the user cancels: nothing is written, nothing said

        vm.exportChart();
        vm.exportChart();
        vm.exportChart();
        vm.exportChart();

        assertThat(vm.canExport()).isTrue();
        assertThat(Files.readString(svg)).startsWith("<?xml").contains("<svg").contains(">latency p50 (ms)</text>");
        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image.getWidth()).isEqualTo(TradeOffViewModel.EXPORT_WIDTH);
        assertThat(image.getHeight()).isEqualTo(TradeOffViewModel.EXPORT_HEIGHT);
        assertThat(ImageIO.read(dir.resolve("chart-without-extension.png").toFile())).isNotNull();
        assertThat(dialogs.errors()).isEmpty();
    }

    @Test
    void anotherExtensionOrAnUnwritablePlaceIsSaidInPlainWords() throws Exception {
        RecordingDialogService dialogs = new RecordingDialogService();
        TradeOffViewModel vm = new TradeOffViewModel(FXCollections.observableArrayList(project.runs()), dialogs);
        Path blocker = Files.writeString(dir.resolve("blocker"), "a file, not a folder");

        assertThat(vm.exportChart(dir.resolve("chart.jpg"))).isEmpty();
        assertThat(vm.exportChart(blocker.resolve("chart.svg"))).isEmpty();

        assertThat(dir.resolve("chart.jpg")).doesNotExist();
        assertThat(dialogs.errors()).hasSize(2);
        assertThat(dialogs.errors().get(0).message()).contains("chart.jpg is neither", ".png or .svg");
        assertThat(dialogs.errors().get(1).message()).startsWith("Could not write the chart to " + blocker);
        assertThat(new TradeOffViewModel(FXCollections.observableArrayList()).canExport()).isFalse();
    }
}

package org.compresslab.ui.inspector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.compresslab.TestFiles;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.graph.Node;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UiThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InspectorViewModelTest {
    private static ModelFile resnet18;
    private static ModelFile fashionCnn;

    private InspectorViewModel vm;

    @BeforeAll
    static void loadModels() {
        resnet18 = ModelFile.load(TestFiles.fixture("resnet18.onnx"));
        fashionCnn = ModelFile.load(TestFiles.fixture("fashion_cnn.onnx"));
    }

    @BeforeEach
    void createViewModel() {
        vm = new InspectorViewModel(TaskExecutor.sameThread());
    }

    @Test
    void summaryOfResNet18ShowsExactCountsAndShortForms() {
        vm.setModel(resnet18);

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.modelNameProperty().get()).isEqualTo("resnet18.onnx");
        assertThat(vm.paramsProperty().get()).isEqualTo("11,191,242 (11.2 M)");
        assertThat(vm.nonZeroParamsProperty().get()).startsWith("11,19");
        assertThat(vm.macsProperty().get()).isEqualTo("148,050,944 (148.1 M)");
        assertThat(vm.fileSizeProperty().get()).contains("MiB").contains(String.format(java.util.Locale.ROOT,
                "%,d B", resnet18.bytes().length));
        assertThat(vm.opsetProperty().get()).startsWith("13").containsIgnoringCase("pytorch");
        assertThat(vm.inputsProperty().get()).isEqualTo("input  float [batch, 3, 64, 64]");
        assertThat(vm.outputsProperty().get()).startsWith("logits  float");
        assertThat(vm.preprocessingProperty().get()).isEqualTo("none — pixels in [0,1] assumed");
        assertThat(vm.problems()).isEmpty();
    }

    @Test
    void preprocessingStoredInTheModelIsShownAsJson() {
        vm.setModel(fashionCnn);

        assertThat(vm.preprocessingProperty().get()).contains("\"width\":28").contains("\"mean\"");
        assertThat(vm.paramsProperty().get()).isEqualTo("9,098 (9.1 k)");
        assertThat(vm.macsProperty().get()).isEqualTo("290,080 (290.1 k)");
    }

    @Test
    void aTorchScriptModuleShowsItsParametersAndSaysWhyItHasNoLayers() {
        vm.setModel(ModelFile.load(TestFiles.fixture("fashion_cnn.pt")));

        assertThat(vm.paramsProperty().get()).isEqualTo("9,098 (9.1 k)");
        assertThat(vm.macsProperty().get()).isEqualTo(InspectorFormat.UNKNOWN);
        assertThat(vm.opsetProperty().get()).startsWith("TorchScript · runs in pytorch");
        assertThat(vm.inputsProperty().get()).contains("1").contains("28");
        assertThat(vm.layers()).isEmpty();
        assertThat(vm.tablePlaceholderProperty().get()).isEqualTo("A TorchScript module's layers are not readable");
        assertThat(vm.problems()).anyMatch(p -> p.contains("cannot be read from its code") && p.contains("ONNX"));
    }

    @Test
    void oneRowPerGraphNodeWithMacSharesSummingToOne() {
        vm.setModel(resnet18);

        assertThat(vm.layers()).hasSize(resnet18.graph().nodes().size());
        assertThat(vm.layers()).extracting(LayerRow::index).startsWith(1, 2, 3);
        assertThat(vm.layers().stream().mapToDouble(LayerRow::macShare).sum()).isCloseTo(1.0, within(1e-9));
        assertThat(vm.layers().stream().mapToLong(LayerRow::macs).sum()).isEqualTo(148_050_944L);
        assertThat(vm.layers().stream().mapToLong(LayerRow::params).sum()).isEqualTo(11_191_242L);
        LayerRow first = vm.layers().get(0);
        assertThat(first.op()).isEqualTo("Conv");
        assertThat(first.outputShape()).isEqualTo("[1, 64, 32, 32]");
        assertThat(first.macs()).isEqualTo(9_633_792L);
        assertThat(vm.layerCountProperty().get()).isEqualTo(resnet18.graph().nodes().size() + " layers");
    }

    @Test
    void filterMatchesNameOrOpIgnoringCase() {
        vm.setModel(resnet18);

        vm.filterTextProperty().set("conv");
        assertThat(vm.visibleLayers()).hasSize(20).allMatch(r -> r.op().equals("Conv"));
        assertThat(vm.layerCountProperty().get()).isEqualTo("20 of 69 layers");

        vm.filterTextProperty().set("  GEMM ");
        assertThat(vm.visibleLayers()).singleElement().extracting(LayerRow::op).isEqualTo("Gemm");

        vm.filterTextProperty().set("layer4"); // a name fragment, not an op
        assertThat(vm.visibleLayers()).isNotEmpty().allMatch(r -> r.name().contains("layer4"));

        vm.filterTextProperty().set("");
        assertThat(vm.visibleLayers()).hasSize(69);
    }

    @Test
    void filterSurvivesLoadingAnotherModel() {
        vm.filterTextProperty().set("relu");
        vm.setModel(fashionCnn);

        assertThat(vm.visibleLayers()).hasSize(2).allMatch(r -> r.op().equals("Relu"));
    }

    @Test
    void chartShowsTopTwentyPlusOtherAndSumsToTheTotal() {
        vm.setModel(resnet18);

        List<ChartBar> bars = vm.chartBars();
        // 20 Conv + 1 Gemm carry MACs: the 20 largest, then one "other" bar for the last
        assertThat(bars).hasSize(21);
        assertThat(bars.get(20).label()).isEqualTo("other (1 layer)");
        assertThat(bars.stream().mapToLong(ChartBar::value).sum()).isEqualTo(148_050_944L);
        assertThat(bars.subList(0, 20)).extracting(ChartBar::value).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(bars.get(0).value()).isEqualTo(9_633_792L);
        assertThat(vm.chartNoteProperty().get()).isEmpty();
    }

    @Test
    void switchingTheMetricChartsParameters() {
        vm.setModel(resnet18);
        List<ChartBar> byMacs = new ArrayList<>(vm.chartBars());
        int[] changes = {0};
        vm.chartBars().addListener((javafx.collections.ListChangeListener<ChartBar>) c -> changes[0]++);

        vm.chartMetricProperty().set(ChartMetric.PARAMS);

        assertThat(changes[0]).as("one change event per switch").isEqualTo(1);
        assertThat(vm.chartBars()).isNotEqualTo(byMacs);
        assertThat(vm.chartBars().get(0).value()).isEqualTo(2_359_296L); // a 3x3 512->512 conv of layer4
        assertThat(vm.chartBars().get(vm.chartBars().size() - 1).label()).startsWith("other (");
        assertThat(vm.chartBars().stream().mapToLong(ChartBar::value).sum()).isEqualTo(11_191_242L);

        vm.chartMetricProperty().set(null); // ignored: the chart always plots something
        assertThat(vm.chartMetricProperty().get()).isEqualTo(ChartMetric.PARAMS);
    }

    @Test
    void smallModelNeedsNoOtherBar() {
        vm.setModel(fashionCnn);

        assertThat(vm.layers()).hasSize(8);
        assertThat(vm.chartBars()).extracting(ChartBar::value).containsExactly(225_792L, 56_448L, 7_840L);
    }

    @Test
    void clearingTheModelEmptiesEverything() {
        vm.filterTextProperty().set("conv");
        vm.setModel(resnet18);
        vm.setModel(null);

        assertThat(vm.modelProperty().get()).isNull();
        assertThat(vm.layers()).isEmpty();
        assertThat(vm.visibleLayers()).isEmpty();
        assertThat(vm.chartBars()).isEmpty();
        assertThat(vm.problems()).isEmpty();
        assertThat(vm.layerCountProperty().get()).isEmpty();
        for (var p : List.of(vm.modelNameProperty(), vm.paramsProperty(), vm.nonZeroParamsProperty(), vm.macsProperty(),
                vm.fileSizeProperty(), vm.opsetProperty(), vm.inputsProperty(), vm.outputsProperty(),
                vm.preprocessingProperty())) {
            assertThat(p.get()).as(p.getName()).isEmpty();
        }
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void unknownOpMakesMacsUnknownAndSaysWhy() {
        GraphBuilder b = new GraphBuilder("custom", 13, 1);
        String x = b.input("input", 3, 8, 8);
        b.graph().opsets().put("custom", 1L);
        b.graph().addNode(new Node("my_node", "MyCustomOp", "custom", List.of(x), List.of("mid")));
        String y = b.conv("mid", 3, 4, 3, 1, 1, 1, false);
        b.output(y, 4, 8, 8);
        Graph g = b.graph();

        vm.setModel(ModelFile.of(null, g));

        assertThat(vm.macsProperty().get()).isEqualTo("unknown");
        assertThat(vm.problems()).anyMatch(p -> p.contains("MyCustomOp"));
        assertThat(vm.layers()).allMatch(r -> Double.isNaN(r.macShare()));
        assertThat(vm.layers().get(1).macs()).isEqualTo(-1);
        assertThat(vm.layers().get(1).outputShape()).isEqualTo("?");
        // the conv has 108 weights; MACs are not guessed
        assertThat(vm.chartBars()).isEmpty();
        assertThat(vm.chartNoteProperty().get()).isEqualTo("1 layer with unknown MACs not shown");
        vm.chartMetricProperty().set(ChartMetric.PARAMS);
        assertThat(vm.chartBars()).containsExactly(new ChartBar(vm.layers().get(1).name(), 108));
        assertThat(vm.chartNoteProperty().get()).isEmpty();
    }

    @Test
    void aFailedAnalysisBecomesAPlainProblemLine() {
        // no graph at all: the analysis throws inside the task, as a bug in the engine would
        ModelFile file = new ModelFile(java.nio.file.Path.of("broken.onnx"), new byte[0], null);

        vm.setModel(file);

        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.problems()).singleElement().asString()
                .startsWith("CompressLab could not analyse this model: ").doesNotContain("\tat ");
        assertThat(vm.layers()).isEmpty();
    }

    @Test
    void aSlowResultForAReplacedModelIsDropped() {
        List<Runnable> pending = new ArrayList<>();
        Executor deferred = pending::add;
        TaskExecutor executor = new TaskExecutor(deferred, deferred, UiThread.sameThread());
        InspectorViewModel slow = new InspectorViewModel(executor);

        slow.setModel(resnet18);
        assertThat(slow.busyProperty().get()).isTrue();
        assertThat(slow.modelNameProperty().get()).isEqualTo("resnet18.onnx");
        slow.setModel(fashionCnn);
        pending.get(1).run(); // fashion finishes first
        pending.get(0).run(); // then the stale resnet result arrives (or is cancelled)

        assertThat(slow.busyProperty().get()).isFalse();
        assertThat(slow.modelNameProperty().get()).isEqualTo("fashion_cnn.onnx");
        assertThat(slow.layers()).hasSize(8);
    }
}

package org.compresslab.ui.atlas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.quantize.StaticInt8Quantizer;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.study.AtlasFamilies;
import org.compresslab.study.AtlasInputs;
import org.compresslab.study.AtlasRow;
import org.compresslab.ui.RecordingDialogService;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.TaskState;
import org.compresslab.ui.tasks.UiThread;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The atlas page's state, with real analyses of LeNet-5 on 100 probe images run in the test's thread. */
class AtlasViewModelTest {
    private final RecordingDialogService dialogs = new RecordingDialogService();
    private final List<Recipe> started = new ArrayList<>();
    private final AtomicInteger exclusiveTasks = new AtomicInteger();
    private ModelFile lenet;
    private AtlasInputs lenetInputs;
    private AtlasInputs supplied;
    private TaskExecutor tasks;
    private AtlasViewModel vm;

    @BeforeEach
    void createViewModel() {
        lenet = CompressionFixtures.sample("lenet5");
        lenetInputs = inputs(lenet, lenet.preprocessing().orElseThrow());
        supplied = lenetInputs;
        // measurements must queue on the exclusive lane; the light lane refuses work
        tasks = new TaskExecutor(r -> {
            exclusiveTasks.incrementAndGet();
            r.run();
        }, r -> {
            throw new AssertionError("the analysis must be an exclusive task");
        }, UiThread.sameThread());
        vm = new AtlasViewModel(tasks, dialogs, () -> supplied, started::add);
        vm.probeImagesProperty().set(100);
    }

    private static AtlasInputs inputs(ModelFile m, Preprocessing prep) {
        return AtlasInputs.of(m, prep, CompressionFixtures.trainData(), CompressionFixtures.testData());
    }

    private AtlasRow row(String layer) {
        return vm.rows().stream().filter(r -> r.layer().equals(layer)).findFirst().orElseThrow();
    }

    @Test
    void beforeAnyAnalysisTheEmptyStateSaysWhatToDo() {
        AtlasViewModel fresh = new AtlasViewModel(TaskExecutor.sameThread(), dialogs, () -> null, started::add);
        assertThat(fresh.probeImagesProperty().get()).isEqualTo(1000);
        assertThat(fresh.minProbeImages()).isEqualTo(100);
        assertThat(fresh.emptyMessageProperty().get()).startsWith("Open a model");

        fresh.setModel(lenet);

        assertThat(fresh.emptyMessageProperty().get()).startsWith("Press \u201cAnalyse layers\u201d")
                .contains("1,000 images");
        assertThat(fresh.canKeepInFloatProperty().get()).isFalse();
        assertThat(fresh.canDontPruneProperty().get()).isFalse();
    }

    @Test
    void analysingRunsOneExclusiveTaskAndShowsEveryLayerInGraphOrder() {
        vm.setModel(lenet);

        vm.analyse();

        assertThat(exclusiveTasks.get()).isEqualTo(1);
        assertThat(tasks.tasks()).singleElement().satisfies(t -> {
            assertThat(t.title()).isEqualTo("Analyse layers of lenet5.onnx");
            assertThat(t.state()).isEqualTo(TaskState.SUCCEEDED);
        });
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(AtlasRow::layer).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(vm.atlasProperty().get().families()).extracting(f -> f.id())
                .containsExactly(AtlasFamilies.QUANTIZATION, AtlasFamilies.PRUNING, AtlasFamilies.LOW_RANK);
        assertThat(vm.statusProperty().get()).startsWith("Analysed 5 layers on 100 images");
        assertThat(vm.emptyMessageProperty().get()).isEmpty();
        assertThat(vm.chartFamilyProperty().get()).isEqualTo(AtlasFamilies.PRUNING);
        assertThat(vm.legendText()).contains("on 100 images").contains("Darker = more sensitive");
        assertThat(vm.notesText()).contains("Pruning: not scanned:").contains("graph output");
        // the last layer was only quantized: its pruning cells are missing, not zero
        List<AtlasColumn> columns = AtlasColumn.of(vm.atlasProperty().get());
        assertThat(columns).filteredOn(c -> c.familyId().equals(AtlasFamilies.PRUNING)).hasSize(10)
                .allMatch(c -> c.cell(row("fc3")).isEmpty());
        assertThat(columns).filteredOn(c -> c.familyId().equals(AtlasFamilies.QUANTIZATION)).singleElement()
                .satisfies(c -> assertThat(c.cell(row("fc3")).orElseThrow().tooltip())
                        .contains("top-1 agreement with float").contains("mean KL divergence from float"));
        AtlasColumn at30 = columns.stream().filter(c -> c.title().equals("30%")).findFirst().orElseThrow();
        AtlasColumn.Cell cell = at30.cell(row("conv2")).orElseThrow();
        assertThat(cell.tooltip()).startsWith("conv2 at 30%: top-1 drop " + cell.text() + " points")
                .contains("of 16 channels kept");
    }

    @Test
    void aRowsActionsHandItsLayersRecipeToTheRunQueue() {
        vm.setModel(lenet);
        vm.analyse();

        vm.selectedProperty().set(row("conv2"));
        assertThat(vm.canKeepInFloatProperty().get()).isTrue();
        assertThat(vm.canDontPruneProperty().get()).isTrue();
        vm.keepInFloat();
        vm.dontPrune();

        assertThat(started).hasSize(2);
        StepParameters keep = RecipeJson.validate(started.get(0), TechniqueRegistry.standard()).get(0);
        assertThat(keep.descriptor().id()).isEqualTo(StaticInt8Quantizer.ID);
        assertThat(keep.textList("exclude")).containsExactly("conv2");
        StepParameters prune = RecipeJson.validate(started.get(1), TechniqueRegistry.standard()).get(0);
        assertThat(prune.descriptor().id()).isEqualTo(ChannelPruner.ID);
        assertThat(prune.textList("exclude")).containsExactly("conv2");
        assertThat(vm.statusProperty().get()).isEqualTo("Queued a new run: channel pruning that leaves conv2 alone.");

        // the output layer was not scanned for pruning: "don't prune" has nothing to offer there
        vm.selectedProperty().set(row("fc3"));
        assertThat(vm.canKeepInFloatProperty().get()).isTrue();
        assertThat(vm.canDontPruneProperty().get()).isFalse();
        vm.dontPrune();
        assertThat(started).hasSize(2);
    }

    @Test
    void theAtlasStaysWithItsModelAndGoesWhenAnotherIsOpened() {
        vm.setModel(lenet);
        vm.analyse();

        vm.setModel(ModelFile.load(lenet.path()));
        assertThat(vm.atlasProperty().get()).isNotNull();
        assertThat(vm.rows()).hasSize(5);

        vm.setModel(CompressionFixtures.sample("resnet8"));
        assertThat(vm.atlasProperty().get()).isNull();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyMessageProperty().get()).startsWith("Press \u201cAnalyse layers\u201d");
    }

    @Test
    void cancellingEndsTheTaskAndKeepsThePreviousAtlas() {
        vm.setModel(lenet);
        vm.analyse();
        var first = vm.atlasProperty().get();
        // cancel from inside the work, as a Cancel press lands while the data is being opened
        supplied = new AtlasInputs(lenet, lenet.preprocessing().orElseThrow(), () -> {
            tasks.tasks().get(tasks.tasks().size() - 1).cancel();
            return lenetInputs.data().get();
        });

        vm.analyse();

        assertThat(tasks.tasks().get(1).state()).isEqualTo(TaskState.CANCELLED);
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.atlasProperty().get()).isSameAs(first);
        assertThat(vm.statusProperty().get()).isEqualTo("Cancelled; the previous analysis is kept.");
    }

    @Test
    void withoutAModelOrWithBadInputsNothingRunsAndTheStatusSaysWhy() {
        supplied = null;
        vm.analyse();
        assertThat(vm.statusProperty().get()).isEqualTo("Open a model first.");

        AtlasViewModel failing = new AtlasViewModel(tasks, dialogs, () -> {
            throw new CompressionException("resnet18.onnx does not say its input size: set its preprocessing on the "
                    + "Evaluate page and evaluate it once");
        }, started::add);
        failing.analyse();
        assertThat(failing.statusProperty().get()).isEqualTo("Cannot analyse: resnet18.onnx does not say its input "
                + "size: set its preprocessing on the Evaluate page and evaluate it once");
        assertThat(tasks.tasks()).isEmpty();
    }

    @Test
    void aModelNoAnalysisAppliesToFailsInPlainWords() {
        GraphBuilder b = new GraphBuilder("no-weights", 17, 1);
        String x = b.input("input", 1, 28, 28);
        b.output(b.op("Flatten", List.of(b.op("GlobalAveragePool", List.of(b.relu(x))))), 1);
        ModelFile m = ModelFile.of(Path.of("no-weights.onnx"), b.graph());
        supplied = inputs(m, Preprocessing.unnormalized(28, 28, 1));
        vm.setModel(m);

        vm.analyse();

        assertThat(vm.atlasProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).startsWith("Failed: Quantization sensitivity per layer could not run");
        assertThat(dialogs.shown).singleElement().satisfies(s -> {
            assertThat(s.title()).isEqualTo("Layer analysis failed");
            assertThat(s.message()).contains("no channel group can be pruned");
        });
    }

    @Test
    void layersPrunedTogetherAreNamedSoDontPruneSaysWhatElseItSpares() {
        AtlasRow row = new AtlasRow("layer1.0.conv2", "Conv", 2304, java.util.Map.of(AtlasFamilies.PRUNING,
                org.compresslab.study.LayerMeasurement.of(0.3, java.util.Map.of(), List.of(), List.of("stem.conv"))));
        AtlasRow alone = new AtlasRow("conv1", "Conv", 156, java.util.Map.of());

        assertThat(AtlasViewModel.tiedLayers(row)).containsExactly("stem.conv");
        assertThat(AtlasViewModel.tiedLayers(alone)).isEmpty();
    }
}

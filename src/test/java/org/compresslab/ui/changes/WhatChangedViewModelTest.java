package org.compresslab.ui.changes;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.quantize.Fp16Converter;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UiThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "What changed" page on real runs: LeNet-5 channel-pruned, then converted to float16. */
class WhatChangedViewModelTest {
    @TempDir
    static Path dir;

    private static ModelFile lenet;
    private static Path prunedFile;
    private static Path halfFile;

    private Project project;
    private ObservableList<Run> runs;
    private Run evaluation;
    private Run prune;
    private Run fp16;

    @BeforeAll
    static void compress() throws Exception {
        lenet = CompressionFixtures.sample("lenet5");
        Graph pruned = apply(new ChannelPruner(), lenet.graph(), Map.of("ratio", 0.5, "protect_first_last", false));
        prunedFile = dir.resolve("pruned.onnx");
        OnnxWriter.write(pruned, prunedFile);
        halfFile = dir.resolve("half.onnx");
        OnnxWriter.write(apply(new Fp16Converter(), pruned, Map.of()), halfFile);
    }

    private static Graph apply(Technique t, Graph g, Map<String, ?> params) {
        return t.apply(g, StepParameters.validate(t.descriptor(), params), CompressionFixtures.context(lenet)).model();
    }

    @BeforeEach
    void project() {
        project = new Project("changes");
        project.setBaselineModel(lenet.path().toString());
        evaluation = Run.evaluation("Baseline evaluation", "float", lenet.path().toString(), EvaluationSettings.defaults(),
                null);
        prune = run("Prune channels 50%", "prune.channels", prunedFile.toString(), evaluation.id());
        fp16 = run("Float16", "quantize.fp16", halfFile.toString(), prune.id());
        List.of(evaluation, prune, fp16).forEach(project::addRun);
        runs = FXCollections.observableArrayList(project.runs());
    }

    private static Run run(String name, String kind, String model, String parent) {
        return new Run(Run.newId(), name, kind, Instant.now(), name, null, model, parent, null, null, Run.FINISHED, null);
    }

    private WhatChangedViewModel vm() {
        return new WhatChangedViewModel(TaskExecutor.sameThread(), runs, () -> project);
    }

    @Test
    void aPruningRunListsItsNarrowedLayersAndTotalsInWords() {
        WhatChangedViewModel vm = vm();
        assertThat(vm.choices()).containsExactly(prune, fp16);
        assertThat(vm.messageProperty().get()).isEqualTo(WhatChangedViewModel.CHOOSE);

        vm.selectedRunProperty().set(prune);

        assertThat(vm.messageProperty().get()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.rows()).extracting(ChangeRow::layer).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        ChangeRow conv2 = vm.rows().get(1);
        assertThat(conv2.op()).isEqualTo("Conv");
        assertThat(conv2.weightsBefore()).isEqualTo("16×6×5×5, 16 float32");
        assertThat(conv2.weightsAfter()).isEqualTo("8×3×5×5, 8 float32");
        assertThat(conv2.paramsBefore()).isEqualTo(2_416);
        assertThat(conv2.paramsAfter()).isEqualTo(608);
        assertThat(conv2.change()).startsWith("16→8 output channels, 6→3 input channels, weights 16×6×5×5→8×3×5×5, 2,416→608 params");
        assertThat(vm.highlights()).contains("4 layers lost output channels (removed for good: fewer MACs)");
        assertThat(vm.totals().get(0)).startsWith("Parameters 61,706 → ");
        assertThat(vm.totals()).anyMatch(l -> l.startsWith("MACs ") && l.contains("× fewer"));
        assertThat(vm.summaryProperty().get()).isEqualTo("5 layers changed, 0 nodes added, 0 removed (lenet5.onnx → pruned.onnx)");
    }

    @Test
    void aLaterPipelineStepIsComparedWithTheStepBeforeIt() {
        WhatChangedViewModel vm = vm();

        vm.selectedRunProperty().set(fp16);

        // against the pruned parent, only the number format changed
        assertThat(vm.rows()).hasSize(5).allSatisfy(r -> {
            assertThat(r.change()).isEqualTo("weights float32→float16");
            assertThat(r.paramsAfter()).isEqualTo(r.paramsBefore());
        });
        assertThat(vm.rows().get(1).weightsAfter()).isEqualTo("8×3×5×5, 8 float16");
        assertThat(vm.highlights()).containsExactly("float16 weights in 5 layers (were float32)",
                "Cast ×2 added: convert values between number formats");
        assertThat(vm.summaryProperty().get()).endsWith("(pruned.onnx → half.onnx)");
    }

    @Test
    void anEvaluationChangedNothingAndSaysSo() {
        WhatChangedViewModel vm = vm();
        vm.selectedRunProperty().set(prune);

        vm.selectedRunProperty().set(evaluation);

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.totals()).isEmpty();
        assertThat(vm.messageProperty().get())
                .isEqualTo("“Baseline evaluation” measured a model without changing it: choose a compression run.");
    }

    @Test
    void aMissingModelFileIsExplainedInPlainWords() {
        Run gone = run("Gone", "prune.channels", dir.resolve("deleted.onnx").toString(), null);
        project.addRun(gone);
        runs.add(gone);
        WhatChangedViewModel vm = vm();

        vm.selectedRunProperty().set(gone);

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.messageProperty().get()).startsWith("Cannot show what changed: Cannot read the model of “Gone”:")
                .contains("no such file");
    }

    @Test
    void withoutCompressionRunsThePageSaysWhatToDoAndADeletedRunIsDropped() {
        runs.setAll(evaluation);
        WhatChangedViewModel vm = vm();
        assertThat(vm.choices()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo(WhatChangedViewModel.NO_RUNS);

        runs.setAll(project.runs());
        vm.selectedRunProperty().set(prune);
        assertThat(vm.rows()).isNotEmpty();
        runs.setAll(evaluation);

        assertThat(vm.selectedRunProperty().get()).isNull();
        assertThat(vm.rows()).isEmpty();
        assertThat(vm.messageProperty().get()).isEqualTo(WhatChangedViewModel.NO_RUNS);
    }

    @Test
    void choosingAnotherRunCancelsTheDiffStillBeingComputed() {
        List<Runnable> queued = new ArrayList<>();
        WhatChangedViewModel vm = new WhatChangedViewModel(new TaskExecutor(Runnable::run, queued::add,
                UiThread.sameThread()), runs, () -> project);

        vm.selectedRunProperty().set(prune);
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.messageProperty().get()).isEqualTo("Reading the two models…");
        vm.selectedRunProperty().set(fp16);
        queued.forEach(Runnable::run);

        // the first diff was cancelled before it ran; the page shows the second run's
        assertThat(vm.rows()).allSatisfy(r -> assertThat(r.change()).isEqualTo("weights float32→float16"));
        assertThat(vm.summaryProperty().get()).endsWith("(pruned.onnx → half.onnx)");
        assertThat(vm.busyProperty().get()).isFalse();
    }
}

package org.compresslab.ui.compare;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.Project;
import org.compresslab.study.RecipeRuns;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UiThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Compare page on a real project: LeNet-5 evaluated, then channel-pruned to half its channels. */
class CompareViewModelTest {
    private static final EvaluationSettings SETTINGS = EvaluationSettings.defaults().withLimit(200).withRuns(10);

    @TempDir
    static Path dir;

    private static Run baseline;
    private static List<Run> recipeRuns;

    private Project project;
    private ObservableList<Run> runs;

    @BeforeAll
    static void measure() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationResult base = CompressionFixtures.evaluate(m, SETTINGS.limit(), SETTINGS.runs());
        baseline = Run.evaluation("Baseline evaluation", "float", m.path().toString(), SETTINGS, base);
        var steps = new RecipeRunner(TechniqueRegistry.standard()).run(m, RecipeJson.parse(
                        "{\"steps\":[{\"technique\":\"prune.channels\",\"ratio\":0.5,\"protect_first_last\":false}]}"),
                CompressionFixtures.context(m), SETTINGS, dir, s -> { });
        recipeRuns = RecipeRuns.of(steps, baseline.id(), SETTINGS);
    }

    @BeforeEach
    void project() {
        project = new Project("compare");
        project.setBaselineModel(baseline.modelFile());
        project.setDataset(new DatasetChoice("fashion-mnist", "test", null));
        project.setSettings(SETTINGS);
        project.addRun(baseline);
        recipeRuns.forEach(project::addRun);
        runs = FXCollections.observableArrayList(project.runs());
    }

    private CompareViewModel vm(TaskExecutor tasks) {
        return new CompareViewModel(tasks, runs, () -> project);
    }

    @Test
    void everyEvaluatedRunIsARowAgainstTheBaseline() {
        CompareViewModel vm = vm(TaskExecutor.sameThread());

        assertThat(vm.emptyMessageProperty().get()).isEmpty();
        assertThat(vm.rows()).hasSize(2);
        CompareRow self = vm.rows().get(0);
        assertThat(self.baseline()).isTrue();
        assertThat(self.name()).isEqualTo("Baseline evaluation (baseline)");
        assertThat(self.technique()).isEqualTo("Evaluation");
        assertThat(CompareRow.deltaText(self.row().accuracyDelta())).isEqualTo("+0.00 pt");
        CompareRow pruned = vm.rows().get(1);
        assertThat(pruned.technique()).isEqualTo(TechniqueRegistry.standard().find("prune.channels").descriptor().title());
        assertThat(pruned.row().macsRatio()).isLessThan(0.5);
        assertThat(CompareRow.ratioText(pruned.row().macsRatio())).matches("0\\.\\d\\d×");
        assertThat(pruned.row().top1Agreement()).isBetween(0.0, 1.0);
        assertThat(pruned.top1Text()).matches("\\d+\\.\\d\\d% \\[\\d+\\.\\d\\d–\\d+\\.\\d\\d]");
        assertThat(pruned.flagText()).isEqualTo(pruned.row().macsFellNotLatency() ? "⚠ MACs fell, latency did not" : "");
        assertThat(vm.baselineTextProperty().get()).startsWith("Compared with “Baseline evaluation”: lenet5.onnx on 200 images.");
    }

    @Test
    void theTableFollowsTheProjectsRuns() {
        CompareViewModel vm = vm(TaskExecutor.sameThread());
        Run again = Run.evaluation("Second evaluation", "again", baseline.modelFile(), SETTINGS, baseline.result());

        project.addRun(again);
        runs.add(again);

        assertThat(vm.rows()).extracting(CompareRow::name).containsExactly("Baseline evaluation (baseline)",
                recipeRuns.get(0).name(), "Second evaluation");
        assertThat(vm.rows().get(2).row().mcnemarP()).isEqualTo(1.0);
    }

    @Test
    void withoutAnEvaluatedBaselineThePageSaysWhatToDo() {
        project = new Project("empty");
        project.addRun(recipeRuns.get(0).withStatus(Run.FAILED, "Cancelled."));
        runs.setAll(project.runs());

        CompareViewModel vm = vm(TaskExecutor.sameThread());

        assertThat(vm.rows()).isEmpty();
        assertThat(vm.emptyMessageProperty().get()).contains("evaluate the baseline model on the Evaluate page");
        assertThat(vm.canCompareProperty().get()).isFalse();
    }

    @Test
    void twoSelectedRunsAreTimedInterleavedAndTheResultIsShownInWords() {
        CompareViewModel vm = vm(TaskExecutor.sameThread());
        vm.setSelection(List.of(baseline.id()));
        assertThat(vm.canCompareProperty().get()).isFalse();
        assertThat(vm.selectionHintProperty().get()).isEqualTo("Select two runs (Ctrl-click) to time them interleaved.");

        // selected in the table's order, but A is always the run made first
        vm.setSelection(List.of(recipeRuns.get(0).id(), baseline.id()));
        assertThat(vm.canCompareProperty().get()).isTrue();
        vm.compare();

        var r = vm.resultProperty().get();
        assertThat(r).isNotNull();
        assertThat(r.a().model()).isEqualTo("lenet5.onnx");
        assertThat(r.mcnemar().n()).isEqualTo(200);
        assertThat(r.a().latency().n()).isEqualTo(10);
        assertThat(r.speedup().lo()).isLessThanOrEqualTo(r.speedup().median());
        assertThat(r.speedup().hi()).isGreaterThanOrEqualTo(r.speedup().median());
        // the paired accuracies are the runs' own: same images, same models
        assertThat(r.a().accuracy().top1()).isEqualTo(baseline.result().accuracy().top1());
        assertThat(r.b().accuracy().top1()).isEqualTo(recipeRuns.get(0).result().accuracy().top1());
        assertThat(vm.resultTitleProperty().get()).startsWith("A = Baseline evaluation (lenet5.onnx) · B = ");
        assertThat(vm.resultLines()).hasSize(6);
        assertThat(vm.resultLines().get(0)).startsWith("Speed: ").contains("95% interval");
        assertThat(vm.resultLines().get(2)).startsWith("Top-1: A ").endsWith("on 200 images");
        assertThat(vm.resultLines().get(3)).startsWith("McNemar p " + (r.mcnemar().pValue() < 0.001 ? "< 0.001: "
                : "= " + CompareRow.pValueText(r.mcnemar().pValue()) + ": "));
        assertThat(vm.resultLines().get(4)).startsWith(String.format(java.util.Locale.ROOT,
                "Agreement: same top-1 class on %.2f%%", 100 * r.agreement().top1Agreement()));
        assertThat(vm.statusProperty().get()).isEqualTo("Compared on 200 images, 10 timed runs each.");
        assertThat(vm.busyProperty().get()).isFalse();

        // another project opened: the result about this one's runs goes with it
        project = new Project("other");
        runs.clear();
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.resultLines()).isEmpty();
        assertThat(vm.rows()).isEmpty();
    }

    @Test
    void aRunWhoseModelIsGoneFailsWithThePlainReason() {
        Run gone = recipeRuns.get(0);
        project.replaceRun(gone.withModelFile(dir.resolve("deleted.onnx").toString()));
        runs.setAll(project.runs());
        CompareViewModel vm = vm(TaskExecutor.sameThread());
        vm.setSelection(List.of(baseline.id(), gone.id()));

        vm.compare();

        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.statusProperty().get()).startsWith("Failed: ").contains("deleted.onnx").contains("no such file");
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void aQueuedComparisonCanBeCancelledAndLeavesNoResult() {
        List<Runnable> queued = new ArrayList<>();
        TaskExecutor tasks = new TaskExecutor(queued::add, Runnable::run, UiThread.sameThread());
        CompareViewModel vm = vm(tasks);
        vm.setSelection(List.of(baseline.id(), recipeRuns.get(0).id()));

        vm.compare();
        assertThat(vm.busyProperty().get()).isTrue();
        assertThat(vm.canCompareProperty().get()).isFalse();
        vm.cancel();
        queued.forEach(Runnable::run);

        assertThat(vm.statusProperty().get()).isEqualTo("Cancelled.");
        assertThat(vm.resultProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(vm.canCompareProperty().get()).isTrue();
    }
}

package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real recipe run becomes project runs that the trade-off chart draws as a path from the baseline. */
class RecipeRunsTest {
    @TempDir
    Path dir;

    @Test
    void eachModelMakingStepBecomesARunChainedToThePreviousOneAndTheChartPlotsThem() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(300).withRuns(5);
        EvaluationResult base = CompressionFixtures.evaluate(m, settings.limit(), settings.runs());
        Project project = new Project("p");
        Run baseline = Run.evaluation("Baseline", "the float model", m.path().toString(), settings, base);
        project.addRun(baseline);

        List<StepResult> steps = new RecipeRunner(TechniqueRegistry.standard()).run(m, RecipeJson.parse("""
                {"steps":[{"technique":"quantize.sensitivity","images":100,"samples":16},
                          {"technique":"prune.magnitude","sparsity":0.3},
                          {"technique":"quantize.static-int8","samples":32}]}"""),
                CompressionFixtures.context(m), settings, dir, s -> { });
        List<Run> runs = RecipeRuns.of(steps, baseline.id(), settings);
        runs.forEach(project::addRun);

        assertThat(runs).hasSize(2); // the sensitivity scan made no model
        assertThat(runs.get(0).parentRunId()).isEqualTo(baseline.id());
        assertThat(runs.get(1).parentRunId()).isEqualTo(runs.get(0).id());
        assertThat(runs.get(1).kind()).isEqualTo("quantize.static-int8");
        assertThat(RecipeJson.parse(runs.get(1).recipeJson()).steps().get(0).parameters()).containsEntry("samples", 32L);
        TradeOff chart = TradeOff.of(project, TradeOffAxis.SIZE_BYTES);
        assertThat(chart.points()).hasSize(3);
        assertThat(chart.points().get(0).isBaseline()).isTrue();
        assertThat(chart.points().get(2).family()).isEqualTo(TechniqueFamily.QUANTIZATION);
        assertThat(chart.points().get(1).family()).isEqualTo(TechniqueFamily.PRUNING);
        // the int8 model is the smallest: on the front whatever its accuracy
        assertThat(chart.front()).extracting(TradeOffPoint::runId).contains(runs.get(1).id());
    }
}

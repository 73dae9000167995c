package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compare table on real runs: LeNet-5, magnitude-pruned (MACs unchanged) and channel-pruned (MACs fell). */
class RunComparisonTest {
    @TempDir
    Path dir;

    @Test
    void rowsPairTheRunsWithTheBaselineAndFlagWhereMacsFellButLatencyDidNot() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(500).withRuns(20);
        EvaluationResult base = CompressionFixtures.evaluate(m, settings.limit(), settings.runs());
        Project project = new Project("p");
        Run baseline = Run.evaluation("Baseline", "float", m.path().toString(), settings, base);
        project.addRun(baseline);
        var steps = new RecipeRunner(TechniqueRegistry.standard()).run(m, RecipeJson.parse(
                "{\"steps\":[{\"technique\":\"prune.magnitude\",\"sparsity\":0.5}]}"), CompressionFixtures.context(m),
                settings, dir, s -> { });
        RecipeRuns.of(steps, baseline.id(), settings).forEach(project::addRun);

        List<ComparisonRow> rows = RunComparison.rows(project, baseline);

        assertThat(rows).hasSize(2);
        ComparisonRow self = rows.get(0);
        assertThat(self.accuracyDelta()).isZero();
        assertThat(self.top1Agreement()).isEqualTo(1.0);
        assertThat(self.mcnemarP()).isEqualTo(1.0);
        ComparisonRow pruned = rows.get(1);
        assertThat(pruned.kind()).isEqualTo("prune.magnitude");
        assertThat(pruned.macsRatio()).isEqualTo(1.0); // zeros are still multiplied
        assertThat(pruned.macsFellNotLatency()).isFalse();
        assertThat(pruned.top1Agreement()).isBetween(0.5, 1.0);
        assertThat(pruned.mcnemarP()).isBetween(0.0, 1.0);
        assertThat(pruned.sizeRatio()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void aRunWithFewerMacsButNoSpeedUpIsFlagged() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(200).withRuns(20);
        EvaluationResult base = CompressionFixtures.evaluate(m, settings.limit(), settings.runs());
        // the same measurement with a third of the MACs and the same latency: what the flag is for
        EvaluationResult fewerMacs = new EvaluationResult(base.model(), base.dataset(), base.accuracy(), base.latency(),
                base.throughputImagesPerSecond(), base.threads(), base.batch(), base.optimization(), base.cpu(),
                base.runtime(), base.size(), base.macs() / 3, base.memoryBytes(), base.labels(), base.predictions(),
                base.latencySamplesMs());
        Run baseline = Run.evaluation("Baseline", "float", "a.onnx", settings, base);
        Run other = Run.evaluation("Other", "fewer MACs", "b.onnx", settings, fewerMacs);

        ComparisonRow row = RunComparison.row(other, base);

        assertThat(row.macsRatio()).isCloseTo(1 / 3.0, org.assertj.core.data.Offset.offset(1e-3));
        assertThat(row.macsFellNotLatency()).isTrue();
        assertThat(baseline.result()).isSameAs(base);
    }
}

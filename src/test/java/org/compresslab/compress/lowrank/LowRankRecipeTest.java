package org.compresslab.compress.lowrank;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.compresslab.TestFiles;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.FineTuning;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.ModelStatistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LowRankRecipeTest {
    @TempDir
    Path dir;

    @Test
    void svdThenAShortFineTuneRunsThroughTheRecipeRunnerAndBothStepsAreEvaluated() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        Recipe recipe = RecipeJson.parse("""
                {"steps":[{"technique":"lowrank.svd","rank_ratio":0.25},
                          {"technique":"train.finetune","epochs":1,"limit":512,"batch":64}]}""");

        List<StepResult> steps = new RecipeRunner(TechniqueRegistry.standard()).run(m, recipe,
                CompressionFixtures.context(m), EvaluationSettings.defaults().withLimit(200).withRuns(3), dir, s -> { });

        assertThat(steps).hasSize(2).allSatisfy(s -> {
            assertThat(s.evaluation()).isNotNull();
            assertThat(s.evaluation().accuracy().n()).isEqualTo(200);
        });
        var r = (LowRankReport) steps.get(0).report();
        assertThat(r.layers()).extracting(l -> l.ranks().get(0)).containsExactly(30, 21, 3);
        ModelStatistics factorized = ModelStatistics.of(ModelFile.load(steps.get(0).model()).graph());
        ModelStatistics tuned = ModelStatistics.of(ModelFile.load(steps.get(1).model()).graph());
        assertThat(factorized.params()).isEqualTo(r.paramsAfter());
        // fine-tuning trains the factors; the architecture stays factorized
        assertThat(tuned.params()).isEqualTo(factorized.params());
        assertThat(tuned.macs()).isEqualTo(factorized.macs());
        assertThat(((FineTuning.FineTuneReport) steps.get(1).report()).history()).hasSize(1);
    }

    @Test
    void theShippedLowRankRecipesAreValid() {
        for (String name : List.of("lowrank-svd.json", "lowrank-tucker.json")) {
            Recipe recipe = RecipeJson.read(TestFiles.projectRoot().resolve("sample-models/recipes").resolve(name));

            List<StepParameters> steps = RecipeJson.validate(recipe, TechniqueRegistry.standard());

            assertThat(steps.get(0).descriptor().id()).startsWith("lowrank.");
            assertThat(steps.get(steps.size() - 1).descriptor().id()).isEqualTo(FineTuning.ID);
        }
    }
}

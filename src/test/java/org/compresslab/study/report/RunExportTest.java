package org.compresslab.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectException;
import org.compresslab.study.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunExportTest {
    @TempDir
    static Path dir;
    static Project project;

    @BeforeAll
    static void makeProject() {
        project = ReportFixtures.savedProject(dir.resolve("project"), dir.resolve("scratch"));
    }

    private static Run run(String name) {
        return project.runs().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aRunsRecipeIsExportedAsAFileThatCompressReadsWithEveryParameter() {
        Run int8 = run("Step 2: Static int8 quantization");
        Path file = dir.resolve("exports/int8.recipe.json");

        RunExport.exportRecipe(int8, file);

        var steps = RecipeJson.validate(RecipeJson.read(file), TechniqueRegistry.standard());
        assertThat(steps).extracting(s -> s.descriptor().id()).containsExactly("quantize.static-int8");
        StepParameters p = steps.get(0);
        assertThat(p.values()).containsEntry("samples", 32);
        assertThat(RecipeJson.write(steps)).isEqualTo(int8.recipeJson()); // nothing lost or added
    }

    @Test
    void aRunsModelIsCopiedByteForByteAndStillLoads() throws Exception {
        Run pruned = run("Step 1: Magnitude pruning (unstructured)");
        Path file = dir.resolve("exports/pruned.onnx");

        RunExport.exportModel(project, pruned, file);

        assertThat(file).hasSameBinaryContentAs(project.resolve(pruned.modelFile()));
        assertThat(ModelFile.load(file).graph().nodes()).isNotEmpty();
    }

    @Test
    void aPlainEvaluationHasNoRecipeAndAFailedRunNoModel() {
        Path target = dir.resolve("exports/nothing");

        assertThatThrownBy(() -> RunExport.exportRecipe(run(ReportFixtures.AWKWARD_NAME), target))
                .isInstanceOf(ProjectException.class).hasMessage("The run \"" + ReportFixtures.AWKWARD_NAME
                        + "\" has no recipe to export: it only evaluated a model.");
        assertThatThrownBy(() -> RunExport.exportModel(project, run(ReportFixtures.FAILED_NAME), target))
                .isInstanceOf(ProjectException.class).hasMessage("The run \"" + ReportFixtures.FAILED_NAME
                        + "\" has no model to export (it failed).");
        assertThat(target).doesNotExist();
    }

    @Test
    void aStoredRecipeCompressCouldNotRunIsNotExported() {
        Run odd = new Run(Run.newId(), "From a newer version", "quantize.int2", Instant.now(), null,
                "{\"steps\":[{\"technique\":\"quantize.int2\"}]}", null, null, null, null, Run.FAILED, null);
        Path target = dir.resolve("exports/odd.json");

        assertThatThrownBy(() -> RunExport.exportRecipe(odd, target)).isInstanceOf(ProjectException.class)
                .hasMessageContaining("not a recipe CompressLab can run").hasMessageContaining("quantize.int2");
        assertThat(target).doesNotExist();
    }

    @Test
    void aModelWhoseFileIsGoneSaysSo() {
        Run gone = run("Step 1: Magnitude pruning (unstructured)").withModelFile("models/deleted-since.onnx");

        assertThatThrownBy(() -> RunExport.exportModel(project, gone, dir.resolve("exports/gone.onnx")))
                .isInstanceOf(ProjectException.class).hasMessageContaining("is missing");
    }
}

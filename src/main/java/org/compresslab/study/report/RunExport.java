package org.compresslab.study.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectException;
import org.compresslab.study.Run;

/**
 * Exports one run: its model as an .onnx file to deploy or share, and its recipe as the JSON file that
 * {@code compresslab compress MODEL --recipe FILE} runs to make the model again from the one the run
 * started from.
 */
public final class RunExport {
    private RunExport() {
    }

    /**
     * Copies the run's model file to {@code target}.
     *
     * @throws ProjectException when the run made no model, its file is gone, or the copy cannot be written
     */
    public static void exportModel(Project project, Run run, Path target) {
        if (run.modelFile() == null) {
            throw new ProjectException("The run \"" + run.name() + "\" has no model to export"
                    + (Run.FINISHED.equals(run.status()) ? "." : " (it " + run.status() + ")."));
        }
        Path source = project.resolve(run.modelFile());
        if (Files.isDirectory(source)) {
            throw new ProjectException("The model of the run \"" + run.name() + "\" is a TensorFlow SavedModel folder, "
                    + "not one file: copy the folder " + source + ", or write its import as ONNX with "
                    + "`compresslab convert`.");
        }
        if (!Files.isRegularFile(source)) {
            throw new ProjectException("The model of the run \"" + run.name() + "\" cannot be exported: its file "
                    + source + " is missing.");
        }
        if (source.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            return; // exporting a file onto itself: it is already there, and a copy would truncate it first
        }
        ReportFiles.write(target, "the model", temp -> Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING));
    }

    /**
     * Writes the run's recipe to {@code target}, after checking that {@code compress --recipe} reads it.
     *
     * @throws ProjectException when the run has no recipe (a plain evaluation), its recipe cannot be read as
     *     one, or the file cannot be written
     */
    public static void exportRecipe(Run run, Path target) {
        String json = run.recipeJson();
        if (json == null || json.isBlank()) {
            throw new ProjectException("The run \"" + run.name() + "\" has no recipe to export: it "
                    + (Run.KIND_EVALUATE.equals(run.kind()) ? "only evaluated a model." : "did not record one."));
        }
        try {
            RecipeJson.validate(RecipeJson.parse(json), TechniqueRegistry.standard());
        } catch (InvalidRecipeException e) {
            throw new ProjectException("The recipe stored with the run \"" + run.name() + "\" cannot be exported:"
                    + " it is not a recipe CompressLab can run (" + e.getMessage() + ").", e);
        }
        ReportFiles.writeString(target, "the recipe", json.endsWith("\n") ? json : json + "\n");
    }
}

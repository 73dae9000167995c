package org.compresslab.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.compresslab.eval.EvaluationSettings;

/**
 * Finds a project's evaluation of a model, so a compression started on it chains to that run instead of
 * measuring the model again. A saved project holds its own copy of its baseline: a file with the same
 * bytes as that copy counts as the same model.
 */
public final class BaselineEvaluations {
    private BaselineEvaluations() {
    }

    /** The project's finished evaluation of {@code model} with exactly {@code settings}, if it has one. */
    public static Optional<Run> find(Project project, Path model, EvaluationSettings settings) {
        Path file = model.toAbsolutePath().normalize();
        Path copy = baselineCopyOf(project, file);
        return project.runs().stream()
                .filter(r -> Run.KIND_EVALUATE.equals(r.kind()) && Run.FINISHED.equals(r.status()) && r.result() != null
                        && r.modelFile() != null && settings.equals(r.settings()))
                .filter(r -> {
                    Path evaluated = project.resolve(r.modelFile());
                    return evaluated.equals(file) || evaluated.equals(copy);
                })
                .findFirst();
    }

    /**
     * The project's finished measurement of its SavedModel baseline's import in ONNX Runtime with exactly
     * {@code settings}, if it has one.
     */
    public static Optional<Run> findImport(Project project, EvaluationSettings settings) {
        return project.runs().stream()
                .filter(r -> Run.KIND_EVALUATE.equals(r.kind()) && Run.FINISHED.equals(r.status()) && r.result() != null
                        && ImportMeasurement.RUN_NAME.equals(r.name()) && settings.equals(r.settings()))
                .findFirst();
    }

    /**
     * How a new run of {@code model} names its file: the project's baseline entry when that is the same
     * bytes (so the run follows the project's copy), else the model's absolute path.
     */
    public static String modelEntry(Project project, Path model) {
        Path file = model.toAbsolutePath().normalize();
        return baselineCopyOf(project, file) != null ? project.baselineModel() : file.toString();
    }

    /** The project's baseline file when it has the same bytes as {@code file}; null otherwise. */
    private static Path baselineCopyOf(Project project, Path file) {
        if (project.baselineModel() == null) {
            return null;
        }
        Path baseline = project.resolve(project.baselineModel());
        if (baseline.equals(file)) {
            return baseline;
        }
        try {
            return Files.isRegularFile(baseline) && Files.isRegularFile(file) && Files.mismatch(baseline, file) == -1L
                    ? baseline : null;
        } catch (IOException e) {
            return null; // unreadable: not provably the same model
        }
    }
}

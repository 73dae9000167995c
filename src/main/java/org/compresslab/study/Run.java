package org.compresslab.study;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;

/**
 * One thing done in a project: an evaluation, or a technique that made a model (and usually
 * evaluated it). Immutable; a project replaces a run to change it.
 *
 * @param id          a UUID string, unique in its project
 * @param name        what the user sees, e.g. "Baseline evaluation"
 * @param kind        what was done: {@link #KIND_EVALUATE}, or a technique id such as {@code "quantize.static-int8"}
 * @param created     when the run started
 * @param description what was done, in plain words
 * @param recipeJson  the recipe that made the run, as JSON text; null for a plain evaluation
 * @param modelFile   the run's model: a path relative to the project folder once saved (e.g.
 *                    {@code models/run-<id>.onnx}, '/'-separated); before the first save it may be
 *                    absolute; null when the run produced no model (e.g. it failed)
 * @param parentRunId the run whose model this one started from (pipelines); null for none
 * @param settings    how the model was evaluated; null when it was not
 * @param result      the measured figures; null for a run that made a model not yet evaluated, or failed
 * @param status      {@link #FINISHED}, {@link #FAILED}, {@link #CANCELLED}, or {@link #MISSING_MODEL}
 *                    (set when a loaded project lacks the run's model file)
 * @param message     why the run failed or is incomplete, in plain words; null when there is nothing to say
 */
public record Run(String id, String name, String kind, Instant created, String description, String recipeJson,
                  String modelFile, String parentRunId, EvaluationSettings settings, EvaluationResult result,
                  String status, String message) {

    public static final String FINISHED = "finished";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";
    /** Set on load, never by the engine: the run's model file is not in the project folder. */
    public static final String MISSING_MODEL = "missing-model";

    /** The kind of a run that only measured an existing model. */
    public static final String KIND_EVALUATE = "evaluate";

    public Run {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(status, "status");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a run needs an id");
        }
    }

    /** A fresh random id for a new run. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** A finished evaluation of an existing model, created now. */
    public static Run evaluation(String name, String description, String modelFile, EvaluationSettings settings,
                                 EvaluationResult result) {
        return new Run(newId(), name, KIND_EVALUATE, Instant.now(), description, null, modelFile, null, settings,
                result, FINISHED, null);
    }

    public Run withModelFile(String path) {
        return new Run(id, name, kind, created, description, recipeJson, path, parentRunId, settings, result, status,
                message);
    }

    public Run withStatus(String newStatus, String newMessage) {
        return new Run(id, name, kind, created, description, recipeJson, modelFile, parentRunId, settings, result,
                newStatus, newMessage);
    }

    public Run withResult(EvaluationSettings newSettings, EvaluationResult newResult) {
        return new Run(id, name, kind, created, description, recipeJson, modelFile, parentRunId, newSettings,
                newResult, status, message);
    }
}

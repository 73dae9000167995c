package org.compresslab.study;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.compresslab.data.DatasetException;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.runtime.OptimizationLevel;

/**
 * The {@code project.json} format, version {@value #VERSION}:
 * <pre>
 * {"format":"compresslab-project","version":1,"name":…,"baseline":"models/….onnx"|null,
 *  "dataset":{"spec":…,"split":…|null,"preprocessing":{…}|null}|null,
 *  "settings":{"limit","batch","threads","runs","warmup","optimization","time_budget_seconds"},
 *  "runs":[{"id","name","kind","created" (ISO-8601 instant),"description","recipe" (JSON text)|null,
 *           "model"|null,"parent_run"|null,"settings"|null,"result" (EvaluationJson with predictions)|null,
 *           "status","message"|null}]}
 * </pre>
 * Instants are ISO strings written here rather than through a Jackson module, which the project does
 * not depend on. The recipe is kept as text so that it comes back exactly as it was given.
 */
final class ProjectJson {
    static final String FORMAT = "compresslab-project";
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ProjectJson() {
    }

    /**
     * @param modelPath maps each model path of the project to the one to write (the store's relocation)
     */
    static ObjectNode write(Project project, UnaryOperator<String> modelPath) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.put("name", project.name());
        root.put("baseline", project.baselineModel() == null ? null : modelPath.apply(project.baselineModel()));
        DatasetChoice dataset = project.dataset();
        if (dataset == null) {
            root.putNull("dataset");
        } else {
            ObjectNode d = root.putObject("dataset");
            d.put("spec", dataset.spec());
            d.put("split", dataset.split());
            if (dataset.preprocessing() == null) {
                d.putNull("preprocessing");
            } else {
                d.set("preprocessing", parse(dataset.preprocessing().toJson()));
            }
        }
        root.set("settings", settings(project.settings()));
        ArrayNode runs = root.putArray("runs");
        for (Run shown : project.runs()) {
            Run run = project.runAsSaved(shown);
            ObjectNode r = runs.addObject();
            r.put("id", run.id());
            r.put("name", run.name());
            r.put("kind", run.kind());
            r.put("created", run.created().toString());
            r.put("description", run.description());
            r.put("recipe", run.recipeJson());
            r.put("model", run.modelFile() == null ? null : modelPath.apply(run.modelFile()));
            r.put("parent_run", run.parentRunId());
            if (run.settings() == null) {
                r.putNull("settings");
            } else {
                r.set("settings", settings(run.settings()));
            }
            if (run.result() == null) {
                r.putNull("result");
            } else {
                r.set("result", EvaluationJson.evaluationWithPredictions(run.result()));
            }
            r.put("status", run.status());
            r.put("message", run.message());
        }
        return root;
    }

    /**
     * Why a valid JSON document cannot be read as a project of this version, in words that complete
     * "Could not open …: "; null when it can be read.
     */
    static String formatProblem(JsonNode root) {
        JsonNode format = root.get("format");
        if (!root.isObject() || format == null || !FORMAT.equals(format.asText(null))) {
            return "it is not a CompressLab project (its project.json does not say \"format\":\"" + FORMAT + "\")";
        }
        JsonNode version = root.get("version");
        if (version == null || !version.isIntegralNumber() || version.asLong() < 1) {
            return "the project file is damaged: its format version is " + (version == null ? "missing" : version)
                    + ", not a whole number from 1.";
        }
        if (version.asLong() > VERSION) {
            return "this project was saved by a newer CompressLab (format version " + version.asLong()
                    + "); this version reads format " + VERSION + ". Update CompressLab to open it.";
        }
        return null;
    }

    /**
     * Reads a document that passed {@link #formatProblem}. The project keeps the paths as written; the
     * store checks the model files and sets the folder.
     *
     * @throws IllegalArgumentException naming the first field that is missing or wrong
     */
    static Project read(JsonNode root) {
        String where = "project";
        Project project = new Project(JsonFields.text(root, "name", where));
        project.setBaselineModel(JsonFields.optionalText(root, "baseline", where));
        JsonNode dataset = JsonFields.optionalObject(root, "dataset", where);
        if (dataset != null) {
            JsonNode prep = JsonFields.optionalObject(dataset, "preprocessing", "dataset");
            project.setDataset(new DatasetChoice(JsonFields.text(dataset, "spec", "dataset"),
                    JsonFields.optionalText(dataset, "split", "dataset"),
                    prep == null ? null : preprocessing(prep)));
        }
        project.setSettings(settings(JsonFields.object(root, "settings", where), "settings"));
        JsonNode runs = root.get("runs");
        if (runs == null || !runs.isArray()) {
            throw new IllegalArgumentException(where + ": field \"runs\" should be a list");
        }
        for (int i = 0; i < runs.size(); i++) {
            project.addRun(run(runs.get(i), "run " + (i + 1)));
        }
        return project;
    }

    private static Run run(JsonNode r, String where) {
        if (!r.isObject()) {
            throw new IllegalArgumentException(where + " should be an object");
        }
        Instant created;
        try {
            created = Instant.parse(JsonFields.text(r, "created", where));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": \"created\" is not an ISO-8601 instant", e);
        }
        JsonNode settings = JsonFields.optionalObject(r, "settings", where);
        JsonNode result = JsonFields.optionalObject(r, "result", where);
        return new Run(JsonFields.text(r, "id", where), JsonFields.text(r, "name", where),
                JsonFields.text(r, "kind", where), created, JsonFields.optionalText(r, "description", where),
                JsonFields.optionalText(r, "recipe", where), JsonFields.optionalText(r, "model", where),
                JsonFields.optionalText(r, "parent_run", where),
                settings == null ? null : settings(settings, where + " settings"),
                result == null ? null : evaluation(result, where),
                JsonFields.text(r, "status", where), JsonFields.optionalText(r, "message", where));
    }

    private static org.compresslab.eval.EvaluationResult evaluation(JsonNode result, String where) {
        try {
            return EvaluationJson.fromJson(result);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " result: " + e.getMessage(), e);
        }
    }

    private static ObjectNode settings(EvaluationSettings s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("limit", s.limit());
        o.put("batch", s.batch());
        o.put("threads", s.threads());
        o.put("runs", s.runs());
        o.put("warmup", s.warmup());
        o.put("optimization", s.optimization().name().toLowerCase(Locale.ROOT));
        o.put("time_budget_seconds", s.timeBudgetSeconds());
        return o;
    }

    private static EvaluationSettings settings(JsonNode o, String where) {
        try {
            return new EvaluationSettings(JsonFields.smallInteger(o, "limit", where),
                    JsonFields.smallInteger(o, "batch", where), JsonFields.smallInteger(o, "threads", where),
                    JsonFields.smallInteger(o, "runs", where), JsonFields.smallInteger(o, "warmup", where),
                    OptimizationLevel.parse(JsonFields.text(o, "optimization", where)),
                    JsonFields.number(o, "time_budget_seconds", where));
        } catch (IllegalArgumentException e) {
            throw e.getMessage().startsWith(where) ? e : new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static Preprocessing preprocessing(JsonNode prep) {
        try {
            return Preprocessing.fromJson(prep.toString());
        } catch (DatasetException e) {
            throw new IllegalArgumentException("dataset: " + e.getMessage(), e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("preprocessing wrote invalid JSON: " + json, e);
        }
    }
}

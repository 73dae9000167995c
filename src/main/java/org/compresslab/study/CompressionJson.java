package org.compresslab.study;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.ParameterType;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.eval.EvaluationResult;

/**
 * The public JSON of a recipe run ({@code compresslab compress --json}):
 * {@code {"baseline": <evaluate>, "steps": [{"technique", "parameters", "model", "evaluation", "report",
 * "warnings", "seconds"}]}}, where {@code <evaluate>} is {@link EvaluationJson#evaluation} and reports are
 * the techniques' report records with snake_case keys. An analysis step's evaluation is null and its
 * model is the one it analysed.
 */
public final class CompressionJson {
    private static final ObjectMapper REPORTS = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private CompressionJson() {
    }

    public static ObjectNode result(EvaluationResult baseline, List<StepResult> steps) {
        return result(baseline, null, steps);
    }

    /** @param imported a SavedModel baseline's import measured in ONNX Runtime, or null */
    public static ObjectNode result(EvaluationResult baseline, ImportMeasurement.Result imported, List<StepResult> steps) {
        ObjectNode o = REPORTS.createObjectNode();
        o.set("baseline", EvaluationJson.evaluation(baseline));
        if (imported != null) {
            ObjectNode i = o.putObject("imported");
            i.put("model", imported.file().toString());
            i.set("evaluation", EvaluationJson.evaluation(imported.evaluation()));
        }
        ArrayNode arr = o.putArray("steps");
        steps.forEach(s -> arr.add(step(s)));
        return o;
    }

    public static ObjectNode step(StepResult s) {
        ObjectNode o = REPORTS.createObjectNode();
        o.put("technique", s.technique());
        o.set("parameters", REPORTS.valueToTree(s.parameters().values()));
        o.put("model", s.model() == null ? null : s.model().toString());
        o.set("evaluation", s.evaluation() == null ? null : EvaluationJson.evaluation(s.evaluation()));
        o.set("report", report(s.report()));
        ArrayNode w = o.putArray("warnings");
        s.warnings().forEach(w::add);
        o.put("seconds", Math.round(s.seconds() * 10) / 10.0);
        return o;
    }

    /**
     * Technique descriptors as the CLI and the wizard's saved recipes show them: {@code id}, {@code family},
     * {@code title}, {@code explanation}, {@code expectation}, {@code transforms_model}, and each parameter's
     * {@code name}, {@code type} (integer, number, boolean, choice, text_list), {@code min}/{@code max} (numbers
     * only), {@code choices} (choice only), {@code default} and {@code explanation}.
     */
    public static ArrayNode descriptors(List<TechniqueDescriptor> descriptors) {
        ArrayNode arr = REPORTS.createArrayNode();
        for (TechniqueDescriptor d : descriptors) {
            ObjectNode o = arr.addObject();
            o.put("id", d.id());
            o.put("family", d.family().id());
            o.put("title", d.title());
            o.put("explanation", d.explanation());
            o.put("expectation", d.expectation());
            o.put("transforms_model", d.transformsModel());
            ArrayNode ps = o.putArray("parameters");
            for (ParameterSpec p : d.parameters()) {
                ObjectNode j = ps.addObject();
                j.put("name", p.name());
                j.put("type", p.type().name().toLowerCase(Locale.ROOT));
                if (p.type() == ParameterType.INTEGER || p.type() == ParameterType.NUMBER) {
                    j.put("min", p.min());
                    j.put("max", p.max());
                }
                if (p.type() == ParameterType.CHOICE) {
                    ArrayNode c = j.putArray("choices");
                    p.choices().forEach(c::add);
                }
                j.set("default", REPORTS.valueToTree(p.defaultValue()));
                j.put("explanation", p.explanation());
            }
        }
        return arr;
    }

    /** A technique's report record as JSON (snake_case keys). */
    public static JsonNode report(Object report) {
        return report == null ? REPORTS.nullNode() : REPORTS.valueToTree(report);
    }
}

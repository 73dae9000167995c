package org.compresslab.compress;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recipe file format: {@code {"steps":[{"technique":"<id>", "<parameter>": value, …}, …]}}.
 * Reading checks the structure and that every technique exists; parameter values are checked against
 * the descriptors by {@link #validate}.
 */
public final class RecipeJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RecipeJson() {
    }

    public static Recipe read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new InvalidRecipeException(file + ": no such recipe file");
        } catch (IOException e) {
            throw new InvalidRecipeException(file + ": cannot read the recipe (" + e.getMessage() + ")", e);
        } catch (InvalidRecipeException e) {
            throw new InvalidRecipeException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static Recipe parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidRecipeException("not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject() || !root.path("steps").isArray()) {
            throw new InvalidRecipeException("a recipe is a JSON object with a \"steps\" array, e.g. "
                    + "{\"steps\":[{\"technique\":\"quantize.static-int8\"}]}");
        }
        List<RecipeStep> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode s : root.get("steps")) {
            i++;
            if (!s.isObject() || !s.path("technique").isTextual()) {
                throw new InvalidRecipeException("step " + i + " needs a \"technique\" naming one of: "
                        + String.join(", ", TechniqueRegistry.standard().ids()));
            }
            Map<String, Object> params = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("technique")) {
                    params.put(e.getKey(), value(i, e.getKey(), e.getValue()));
                }
            }
            steps.add(new RecipeStep(s.get("technique").asText(), params));
        }
        if (steps.isEmpty()) {
            throw new InvalidRecipeException("the recipe has no steps");
        }
        return new Recipe(steps);
    }

    private static Object value(int step, String name, JsonNode v) {
        if (v.isNumber()) {
            return v.isIntegralNumber() ? (Object) v.asLong() : (Object) v.asDouble();
        }
        if (v.isBoolean()) {
            return v.asBoolean();
        }
        if (v.isTextual()) {
            return v.asText();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>();
            v.forEach(e -> list.add(e.isTextual() ? e.asText() : e.toString()));
            return list;
        }
        throw new InvalidRecipeException("step " + step + ": parameter '" + name + "' has an unsupported value " + v);
    }

    /** Checks every step against the registry: the technique exists and its parameters are valid. */
    public static List<StepParameters> validate(Recipe recipe, TechniqueRegistry registry) {
        List<StepParameters> out = new ArrayList<>();
        int i = 0;
        for (RecipeStep s : recipe.steps()) {
            i++;
            Technique t = registry.find(s.technique());
            try {
                out.add(StepParameters.validate(t.descriptor(), s.parameters()));
            } catch (InvalidRecipeException e) {
                throw new InvalidRecipeException("step " + i + " (" + e.getMessage() + ")", e);
            }
        }
        return out;
    }

    /** The recipe as JSON with every parameter written out (defaults included): reproducible as is. */
    public static String write(List<StepParameters> steps) {
        ObjectNode root = MAPPER.createObjectNode();
        ArrayNode arr = root.putArray("steps");
        for (StepParameters p : steps) {
            ObjectNode s = arr.addObject();
            s.put("technique", p.descriptor().id());
            p.values().forEach((k, v) -> s.set(k, MAPPER.valueToTree(v)));
        }
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

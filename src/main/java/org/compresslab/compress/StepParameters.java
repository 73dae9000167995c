package org.compresslab.compress;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A technique's parameters after validation against its descriptor: every parameter present (defaults
 * filled in), each of the right type and within its range. Built only by {@link #validate}.
 */
public final class StepParameters {
    private final TechniqueDescriptor descriptor;
    private final Map<String, Object> values;

    private StepParameters(TechniqueDescriptor descriptor, Map<String, Object> values) {
        this.descriptor = descriptor;
        this.values = Collections.unmodifiableMap(values);
    }

    /** All defaults. */
    public static StepParameters defaults(TechniqueDescriptor descriptor) {
        return validate(descriptor, Map.of());
    }

    /**
     * Checks raw values (as JSON gives them: numbers, booleans, strings, lists of strings) against the
     * descriptor.
     *
     * @throws InvalidRecipeException naming the technique and the parameter
     */
    public static StepParameters validate(TechniqueDescriptor descriptor, Map<String, ?> raw) {
        for (String name : raw.keySet()) {
            if (descriptor.parameter(name).isEmpty()) {
                throw new InvalidRecipeException(descriptor.id() + ": unknown parameter '" + name + "'; it takes "
                        + (descriptor.parameters().isEmpty() ? "no parameters"
                        : String.join(", ", descriptor.parameters().stream().map(ParameterSpec::name).toList())));
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec p : descriptor.parameters()) {
            Object v = raw.get(p.name());
            values.put(p.name(), v == null ? p.defaultValue() : convert(descriptor, p, v));
        }
        return new StepParameters(descriptor, values);
    }

    private static Object convert(TechniqueDescriptor d, ParameterSpec p, Object v) {
        String where = d.id() + ": parameter '" + p.name() + "' must be " + p.rangeDescription() + ", was " + show(v);
        switch (p.type()) {
            case INTEGER -> {
                if (!(v instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                        || n.doubleValue() < p.min() || n.doubleValue() > p.max()) {
                    throw new InvalidRecipeException(where);
                }
                return n.intValue();
            }
            case NUMBER -> {
                if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())
                        || n.doubleValue() < p.min() || n.doubleValue() > p.max()) {
                    throw new InvalidRecipeException(where);
                }
                return n.doubleValue();
            }
            case BOOLEAN -> {
                if (!(v instanceof Boolean b)) {
                    throw new InvalidRecipeException(where);
                }
                return b;
            }
            case CHOICE -> {
                if (!(v instanceof String s) || !p.choices().contains(s)) {
                    throw new InvalidRecipeException(where);
                }
                return s;
            }
            case TEXT_LIST -> {
                if (v instanceof String s) {
                    return s.isBlank() ? List.of() : List.of(s.split("\\s*,\\s*"));
                }
                if (!(v instanceof List<?> list) || !list.stream().allMatch(String.class::isInstance)) {
                    throw new InvalidRecipeException(where);
                }
                List<String> out = new ArrayList<>();
                list.forEach(o -> out.add((String) o));
                return List.copyOf(out);
            }
            default -> throw new IllegalStateException(p.type().toString());
        }
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : String.valueOf(v);
    }

    public TechniqueDescriptor descriptor() {
        return descriptor;
    }

    /** Every parameter's effective value, in the descriptor's order (what a reproducible recipe records). */
    public Map<String, Object> values() {
        return values;
    }

    public int integer(String name) {
        return (Integer) get(name, ParameterType.INTEGER);
    }

    public double number(String name) {
        return (Double) get(name, ParameterType.NUMBER);
    }

    public boolean bool(String name) {
        return (Boolean) get(name, ParameterType.BOOLEAN);
    }

    public String choice(String name) {
        return (String) get(name, ParameterType.CHOICE);
    }

    @SuppressWarnings("unchecked")
    public List<String> textList(String name) {
        return (List<String>) get(name, ParameterType.TEXT_LIST);
    }

    private Object get(String name, ParameterType type) {
        ParameterSpec p = descriptor.parameter(name).orElseThrow(
                () -> new IllegalArgumentException(descriptor.id() + " has no parameter " + name));
        if (p.type() != type) {
            throw new IllegalArgumentException(descriptor.id() + "." + name + " is " + p.type() + ", not " + type);
        }
        return values.get(name);
    }
}

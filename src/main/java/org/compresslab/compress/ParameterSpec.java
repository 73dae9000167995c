package org.compresslab.compress;

import java.util.List;

/**
 * One parameter of a technique: its type, range, default and a plain explanation. The CLI validates
 * recipes against it and the wizard builds its controls from it.
 *
 * @param min          inclusive lower bound for INTEGER and NUMBER, else NaN
 * @param max          inclusive upper bound for INTEGER and NUMBER, else NaN
 * @param defaultValue Integer, Double, Boolean, String (CHOICE) or List of String (TEXT_LIST)
 * @param choices      the allowed words of a CHOICE, else empty
 * @param modelPath    a TEXT_LIST whose entries may be model file paths (the wizard offers to browse for one)
 */
public record ParameterSpec(String name, ParameterType type, double min, double max, Object defaultValue,
                            List<String> choices, String explanation, boolean modelPath) {

    public ParameterSpec(String name, ParameterType type, double min, double max, Object defaultValue,
                         List<String> choices, String explanation) {
        this(name, type, min, max, defaultValue, choices, explanation, false);
    }

    public ParameterSpec {
        choices = List.copyOf(choices);
    }

    public static ParameterSpec integer(String name, int min, int max, int defaultValue, String explanation) {
        return new ParameterSpec(name, ParameterType.INTEGER, min, max, defaultValue, List.of(), explanation);
    }

    public static ParameterSpec number(String name, double min, double max, double defaultValue, String explanation) {
        return new ParameterSpec(name, ParameterType.NUMBER, min, max, defaultValue, List.of(), explanation);
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String explanation) {
        return new ParameterSpec(name, ParameterType.BOOLEAN, Double.NaN, Double.NaN, defaultValue, List.of(),
                explanation);
    }

    public static ParameterSpec choice(String name, String defaultValue, List<String> choices, String explanation) {
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException(name + ": default " + defaultValue + " is not one of " + choices);
        }
        return new ParameterSpec(name, ParameterType.CHOICE, Double.NaN, Double.NaN, defaultValue, choices,
                explanation);
    }

    public static ParameterSpec textList(String name, String explanation) {
        return new ParameterSpec(name, ParameterType.TEXT_LIST, Double.NaN, Double.NaN, List.of(), List.of(),
                explanation);
    }

    /** The same parameter, saying that its entries may name model files. */
    public ParameterSpec acceptingModelFiles() {
        if (type != ParameterType.TEXT_LIST) {
            throw new IllegalStateException(name + ": only a text list can name model files");
        }
        return new ParameterSpec(name, type, min, max, defaultValue, choices, explanation, true);
    }

    /** The allowed values in words, for error messages and help. */
    public String rangeDescription() {
        return switch (type) {
            case INTEGER -> "an integer from " + (long) min + " to " + (long) max;
            case NUMBER -> "a number from " + Numbers.plain(min) + " to " + Numbers.plain(max);
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case TEXT_LIST -> "a list of names";
        };
    }
}

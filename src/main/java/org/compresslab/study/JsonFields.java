package org.compresslab.study;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON tree strictly: a missing or mistyped required field is an error naming the
 * field, because a damaged file must be reported, never turned into plausible zeros.
 * Errors are {@link IllegalArgumentException}s whose message reads "{@code where}: field … ".
 */
final class JsonFields {
    private JsonFields() {
    }

    static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw wrong(where, field, node, "an object");
        }
        return node;
    }

    /** The object, or null when the field is absent or JSON null. */
    static JsonNode optionalObject(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw wrong(where, field, node, "an object");
        }
        return node;
    }

    static String text(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isTextual()) {
            throw wrong(where, field, node, "a string");
        }
        return node.textValue();
    }

    /** The string, or null when the field is absent or JSON null. */
    static String optionalText(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw wrong(where, field, node, "a string");
        }
        return node.textValue();
    }

    static long integer(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw wrong(where, field, node, "a whole number");
        }
        return node.longValue();
    }

    static int smallInteger(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToInt()) {
            throw wrong(where, field, node, "a whole number");
        }
        return node.intValue();
    }

    /** A whole number where null means "unknown", returned as -1 (the engine's convention). */
    static long integerOrMinusOne(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node != null && node.isNull()) {
            return -1;
        }
        return integer(parent, field, where);
    }

    /** A number where null means "not measured", returned as NaN (the writer's mapping of NaN). */
    static double number(JsonNode parent, String field, String where) {
        JsonNode node = parent.get(field);
        if (node == null) {
            throw wrong(where, field, null, "a number or null");
        }
        return numberValue(node, where + "." + field);
    }

    /**
     * A number node, where null is NaN; Jackson writes non-finite doubles inside arrays as the strings
     * "NaN", "Infinity" and "-Infinity", so those are accepted too.
     */
    static double numberValue(JsonNode node, String where) {
        if (node.isNull()) {
            return Double.NaN;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            switch (node.textValue()) {
                case "NaN":
                    return Double.NaN;
                case "Infinity":
                    return Double.POSITIVE_INFINITY;
                case "-Infinity":
                    return Double.NEGATIVE_INFINITY;
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(where + " should be a number, but is " + describe(node));
    }

    static int[] intArray(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " should be a list of whole numbers, but is " + describe(node));
        }
        int[] values = new int[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode element = node.get(i);
            if (!element.isIntegralNumber() || !element.canConvertToInt()) {
                throw new IllegalArgumentException(where + "[" + i + "] should be a whole number, but is "
                        + describe(element));
            }
            values[i] = element.intValue();
        }
        return values;
    }

    static double[] doubleArray(JsonNode node, String where) {
        if (!node.isArray()) {
            throw new IllegalArgumentException(where + " should be a list of numbers, but is " + describe(node));
        }
        double[] values = new double[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = numberValue(node.get(i), where + "[" + i + "]");
        }
        return values;
    }

    private static IllegalArgumentException wrong(String where, String field, JsonNode node, String expected) {
        String actual = node == null ? "missing" : describe(node);
        return new IllegalArgumentException(where + ": field \"" + field + "\" should be " + expected + ", but is "
                + actual);
    }

    private static String describe(JsonNode node) {
        if (node.isNull()) {
            return "null";
        }
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}

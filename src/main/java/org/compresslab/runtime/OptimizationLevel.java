package org.compresslab.runtime;

/** Graph optimisation levels of the runtime (ONNX Runtime's names). */
public enum OptimizationLevel {
    DISABLED, BASIC, EXTENDED, ALL;

    public static OptimizationLevel parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimisation level '" + text
                    + "' (use disabled, basic, extended or all)");
        }
    }
}

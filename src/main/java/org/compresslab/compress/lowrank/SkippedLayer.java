package org.compresslab.compress.lowrank;

/** A layer the factorization left as it was, and why, in words. */
public record SkippedLayer(String layer, String op, String reason) {
    public String describe() {
        return layer + " (" + op + "): " + reason;
    }
}

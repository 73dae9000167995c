package org.compresslab.train;

/** The optimisers the training loop offers. */
public enum OptimizerKind {
    SGD, ADAM, ADAMW;

    public static OptimizerKind parse(String s) {
        try {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown optimiser '" + s + "' (use sgd, adam or adamw)");
        }
    }
}

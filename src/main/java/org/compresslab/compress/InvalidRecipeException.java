package org.compresslab.compress;

/** A recipe that cannot run as written: unknown technique, unknown or out-of-range parameter, bad JSON. */
public final class InvalidRecipeException extends RuntimeException {
    public InvalidRecipeException(String message) {
        super(message);
    }

    public InvalidRecipeException(String message, Throwable cause) {
        super(message, cause);
    }
}

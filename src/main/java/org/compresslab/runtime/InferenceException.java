package org.compresslab.runtime;

/** A model that cannot be loaded or run by a backend; the message is for users. */
public class InferenceException extends RuntimeException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }
}

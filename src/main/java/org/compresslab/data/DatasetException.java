package org.compresslab.data;

/**
 * A dataset, an image file or a preprocessing description cannot be used.
 *
 * <p>Unchecked because callers (CLI, GUI, benchmarks) can rarely recover from bad data other than by
 * showing the message, so every message is written for a person: what is wrong, which file, and what
 * to do about it.
 */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.compresslab.compress;

/**
 * A technique cannot be applied to this model or data, for a reason the user can act on (no layer
 * the technique applies to, an opset too old, NaN during training …). The message says what and why.
 */
public final class CompressionException extends RuntimeException {
    public CompressionException(String message) {
        super(message);
    }

    public CompressionException(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.compresslab.onnx;

/** A file that is not a model CompressLab can read; the message says what is wrong in plain words. */
public class OnnxFormatException extends RuntimeException {
    public OnnxFormatException(String message) {
        super(message);
    }

    public OnnxFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}

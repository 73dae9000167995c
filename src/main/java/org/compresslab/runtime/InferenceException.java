package org.compresslab.runtime;

/** A model that cannot be loaded or run by a backend; the message is for users. */
public class InferenceException extends RuntimeException {
    public InferenceException(String message, Throwable cause) {
        super(message, cause);
    }

    public InferenceException(String message) {
        super(message);
    }

    /** The first line of a native runtime's message: the rest is its stack or traceback, not for users. */
    public static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

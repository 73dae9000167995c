package org.compresslab.runtime.tensorflow;

import org.compresslab.graph.GraphException;

/** A TensorFlow SavedModel CompressLab cannot load or convert; the message is for users. */
public class SavedModelException extends GraphException {
    public SavedModelException(String message) {
        super(message);
    }

    public SavedModelException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}

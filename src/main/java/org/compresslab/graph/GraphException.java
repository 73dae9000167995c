package org.compresslab.graph;

/** A model that is structurally wrong or uses something CompressLab cannot handle; the message is for users. */
public class GraphException extends RuntimeException {
    public GraphException(String message) {
        super(message);
    }
}

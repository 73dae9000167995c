package org.compresslab.progress;

/** Thrown by engine loops when their work was cancelled; not an error. */
public class CancelledException extends RuntimeException {
    public CancelledException() {
        super("cancelled");
    }
}

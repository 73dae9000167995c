package org.compresslab.train;

/** A graph the training runtime cannot run, e.g. because of an op it does not implement; the message names it. */
public class UntrainableModelException extends RuntimeException {
    public UntrainableModelException(String message) {
        super(message);
    }
}

package org.compresslab.progress;

/** Receives progress of long engine work; called on the worker thread. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (fraction, message) -> { };

    /** @param fraction 0..1, or a negative number when the amount of work is unknown */
    void progress(double fraction, String message);
}

package org.compresslab.runtime;

/** The first output of a model run, as floats in row-major order. */
public record BackendOutput(float[] data, long[] shape) {

    /** Elements per batch row (e.g. the number of classes for logits). */
    public int rowLength() {
        long n = 1;
        for (int i = 1; i < shape.length; i++) {
            n *= shape[i];
        }
        return (int) n;
    }
}

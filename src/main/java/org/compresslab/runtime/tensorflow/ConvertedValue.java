package org.compresslab.runtime.tensorflow;

/**
 * An activation as converted: its ONNX value name and TensorFlow rank. A rank-4 value is always NCHW.
 * {@code flattenedHwc}, when set, says the value is a flattened [H, W, C] map held in NCHW order
 * (c·H·W + y·W + x) rather than TensorFlow's (y·W + x)·C + c.
 */
record ConvertedValue(String name, int rank, long[] flattenedHwc) {
    ConvertedValue(String name, int rank) {
        this(name, rank, null);
    }

    ConvertedValue renamed(String newName) {
        return new ConvertedValue(newName, rank, flattenedHwc);
    }
}

package org.compresslab.runtime;

/** A model input or output as the runtime sees it; -1 marks a dynamic dimension. */
public record TensorSpec(String name, String type, long[] shape) {
}

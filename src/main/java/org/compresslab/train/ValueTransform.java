package org.compresslab.train;

import ai.djl.ndarray.NDArray;

/**
 * A hook on every value the {@link GraphBlock} reads or produces: weights as they are read, activations
 * as nodes produce them. Quantization-aware training plugs fake-quantizers in here.
 */
@FunctionalInterface
public interface ValueTransform {
    ValueTransform NONE = (name, value, isWeight, training) -> value;

    NDArray apply(String valueName, NDArray value, boolean isWeight, boolean training);
}

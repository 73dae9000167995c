package org.compresslab.data;

/**
 * A batch of preprocessed images ready to feed to a model.
 *
 * @param data    {@code size} images laid out as described by {@code shape}
 * @param labels  class index of each image, in batch order
 * @param size    number of images in this batch (the last batch of a stream may be smaller)
 * @param shape   tensor shape with {@code size} first, e.g. {@code {size, C, H, W}} for NCHW
 * @param indices dataset index of each image, in batch order
 */
public record Batch(float[] data, int[] labels, int size, long[] shape, int[] indices) {
}

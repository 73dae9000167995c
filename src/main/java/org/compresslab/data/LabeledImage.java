package org.compresslab.data;

import java.util.Objects;

/** One dataset item: an image and its class index. */
public record LabeledImage(RawImage image, int label) {

    public LabeledImage {
        Objects.requireNonNull(image, "image");
    }
}

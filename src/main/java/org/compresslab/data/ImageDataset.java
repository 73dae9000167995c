package org.compresslab.data;

import java.util.List;

/**
 * A labelled image collection with random access.
 *
 * <p>Implementations in this package are immutable once opened and safe to read from several threads
 * at once; {@link #get(int)} may decode lazily and always returns a fresh image the caller may keep.
 */
public interface ImageDataset {

    /** Short human-readable name, e.g. {@code fashion-mnist/train}. */
    String name();

    int size();

    /** Class names; a label is an index into this list. */
    List<String> classNames();

    /**
     * @throws IndexOutOfBoundsException if {@code index} is outside {@code 0..size()-1}
     * @throws DatasetException          if the item cannot be read or decoded
     */
    LabeledImage get(int index);

    /**
     * The label of one item. Implementations override this when the label is known without decoding
     * the image, which keeps class-balanced sampling cheap on large image folders.
     */
    default int label(int index) {
        return get(index).label();
    }

    default int classCount() {
        return classNames().size();
    }
}

package org.compresslab.study;

import org.compresslab.data.Preprocessing;

/**
 * The dataset a project evaluates on, as the user chose it.
 *
 * @param spec          {@code "fashion-mnist"} or the path of an image folder, as {@code Datasets.open} takes it
 * @param split         the split to use ({@code "test"}, {@code "train"} …); null for a plain class folder
 * @param preprocessing how to feed the images; null means "use the one the model carries"
 */
public record DatasetChoice(String spec, String split, Preprocessing preprocessing) {

    public DatasetChoice {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("a dataset choice needs a dataset name or folder");
        }
    }
}

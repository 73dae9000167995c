package org.compresslab.study;

import java.util.List;
import java.util.function.Supplier;
import org.compresslab.compress.CompressionException;
import org.compresslab.data.DatasetException;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;

/**
 * What a layer atlas is measured on: the baseline model, how images become its input, and the data.
 * Cheap to build (a UI builds it on its own thread); the datasets are opened by {@code data} on the
 * thread that runs the scan, since reading them takes a while.
 */
public record AtlasInputs(ModelFile baseline, Preprocessing preprocessing, Supplier<Data> data) {

    /**
     * @param training   calibration (and Taylor importance) images: decisions are made on these
     * @param evaluation the images every variant is scored on
     * @param notes      what the user should know about the data, e.g. that a split was missing
     */
    public record Data(ImageDataset training, ImageDataset evaluation, List<String> notes) {
        public Data {
            notes = List.copyOf(notes);
        }
    }

    public AtlasInputs {
        if (baseline == null || preprocessing == null || data == null) {
            throw new IllegalArgumentException("an atlas needs a model, its preprocessing and data");
        }
    }

    /** Data already open (tests, the CLI). */
    public static AtlasInputs of(ModelFile baseline, Preprocessing preprocessing, ImageDataset training,
                                 ImageDataset evaluation) {
        Data d = new Data(training, evaluation, List.of());
        return new AtlasInputs(baseline, preprocessing, () -> d);
    }

    /**
     * A project's baseline on its dataset: the project's split judges, {@code trainSplit} calibrates (the
     * evaluation images themselves when the dataset has no such split, with a note saying so).
     *
     * @throws CompressionException when neither the project nor the model says how to preprocess images
     */
    public static AtlasInputs forProject(ModelFile baseline, DatasetChoice dataset, String trainSplit) {
        Preprocessing prep = dataset.preprocessing() != null ? dataset.preprocessing()
                : baseline.preprocessingOrDefault().orElseThrow(() -> new CompressionException(baseline.displayName()
                        + " does not say its input size: set its preprocessing on the Evaluate page and evaluate it once"));
        return new AtlasInputs(baseline, prep, () -> {
            ImageDataset evaluation = Datasets.open(dataset.spec(), dataset.split());
            if (trainSplit.equals(dataset.split())) {
                return new Data(evaluation, evaluation, List.of("calibrated on the '" + trainSplit
                        + "' split, the same images that score the layers"));
            }
            try {
                return new Data(Datasets.open(dataset.spec(), trainSplit), evaluation, List.of());
            } catch (DatasetException e) {
                return new Data(evaluation, evaluation, List.of("the dataset has no '" + trainSplit
                        + "' split; calibrated on the images that score the layers"));
            }
        });
    }
}

package org.compresslab.train;

/** Receives training progress on the training thread. */
public interface TrainingListener {
    TrainingListener NONE = new TrainingListener() { };

    /** After each batch: {@code fraction} of all training done, the batch's loss. */
    default void onBatch(int epoch, double fraction, double loss) {
    }

    default void onEpoch(EpochStats stats) {
    }
}

package org.compresslab.compress;

import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.train.TrainingListener;

/**
 * What a technique may use besides the model. Decisions (calibration, fine-tuning, choosing which layers
 * stay in float) use {@code trainingData}; analyses that report accuracy use {@code evaluationData}, the
 * split the results are judged on — so no decision is tuned on the images that later judge it.
 *
 * @param preprocessing how the data's images become the model's input
 * @param runtime       threads and optimisation level for the runs a technique makes itself
 * @param seed          for every random choice (calibration subsets, training order)
 */
public record CompressionContext(Preprocessing preprocessing, ImageDataset trainingData, ImageDataset evaluationData,
                                 RuntimeOptions runtime, long seed, ProgressListener progress,
                                 TrainingListener trainingListener, CancellationToken cancel) {

    public CompressionContext {
        if (preprocessing == null || trainingData == null || evaluationData == null) {
            throw new IllegalArgumentException("preprocessing and data are required");
        }
        runtime = runtime == null ? RuntimeOptions.defaults() : runtime;
        progress = progress == null ? ProgressListener.NONE : progress;
        trainingListener = trainingListener == null ? TrainingListener.NONE : trainingListener;
        cancel = cancel == null ? CancellationToken.NEVER : cancel;
    }

    public CompressionContext withProgress(ProgressListener p) {
        return new CompressionContext(preprocessing, trainingData, evaluationData, runtime, seed, p, trainingListener,
                cancel);
    }

    /** Progress of a part of the work that spans [from, to] of the whole. */
    public ProgressListener progressBetween(double from, double to) {
        return (f, m) -> progress.progress(f < 0 ? f : from + (to - from) * f, m);
    }
}

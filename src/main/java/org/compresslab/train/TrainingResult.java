package org.compresslab.train;

import java.util.List;

/**
 * What a training run did: every epoch's figures, which epoch's weights were kept, and whether it
 * finished or stopped because the loss diverged (then {@code message} says where and what was kept).
 */
public record TrainingResult(List<EpochStats> epochs, int keptEpoch, boolean diverged, String message) {

    public double bestValidationAccuracy() {
        return epochs.stream().mapToDouble(EpochStats::validationAccuracy).filter(d -> !Double.isNaN(d)).max()
                .orElse(Double.NaN);
    }
}

package org.compresslab.train;

/** One epoch's figures for live curves: losses, accuracies (fractions), speed and the learning rate at its end. */
public record EpochStats(int epoch, double trainLoss, double trainAccuracy, double validationLoss,
                         double validationAccuracy, double imagesPerSecond, double learningRate, double seconds) {
}

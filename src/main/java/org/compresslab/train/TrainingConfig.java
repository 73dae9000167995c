package org.compresslab.train;

/**
 * How to train: epochs, batch size, optimiser and its settings, learning-rate schedule, augmentation
 * (random crop with zero padding, horizontal flip), the seed, how many training images to use
 * (0 = all) and the share of them held out for validation.
 */
public record TrainingConfig(int epochs, int batchSize, OptimizerKind optimizer, float learningRate, float momentum,
                             float weightDecay, Schedule schedule, int cropPadding, boolean horizontalFlip, long seed,
                             int limit, double validationFraction) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        if (!(learningRate > 0) || !Float.isFinite(learningRate)) {
            throw new IllegalArgumentException("the learning rate must be a positive number");
        }
        if (weightDecay < 0 || momentum < 0 || momentum >= 1) {
            throw new IllegalArgumentException("weight decay must be ≥ 0 and momentum in [0, 1)");
        }
        if (validationFraction < 0 || validationFraction >= 1) {
            throw new IllegalArgumentException("the validation share must be in [0, 1)");
        }
        if (cropPadding < 0 || limit < 0) {
            throw new IllegalArgumentException("crop padding and limit cannot be negative");
        }
    }

    /** Sensible defaults for training from scratch on small images. */
    public static TrainingConfig defaults() {
        return new TrainingConfig(10, 128, OptimizerKind.SGD, 0.1f, 0.9f, 5e-4f, Schedule.ONE_CYCLE, 2, true, 42, 0, 0.1);
    }

    /** Defaults for fine-tuning a trained model: a few epochs at a small rate. */
    public static TrainingConfig fineTuning() {
        return new TrainingConfig(2, 64, OptimizerKind.SGD, 0.005f, 0.9f, 5e-4f, Schedule.COSINE, 2, true, 42, 0, 0.1);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(e, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, seed, limit, validationFraction);
    }

    public TrainingConfig withLimit(int l) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, seed, l, validationFraction);
    }

    public TrainingConfig withSeed(long s) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, s, limit, validationFraction);
    }

    public TrainingConfig withLearningRate(float lr) {
        return new TrainingConfig(epochs, batchSize, optimizer, lr, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, seed, limit, validationFraction);
    }

    public TrainingConfig withOptimizer(OptimizerKind o) {
        return new TrainingConfig(epochs, batchSize, o, learningRate, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, seed, limit, validationFraction);
    }

    public TrainingConfig withSchedule(Schedule s) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, s, cropPadding,
                horizontalFlip, seed, limit, validationFraction);
    }

    public TrainingConfig withBatchSize(int b) {
        return new TrainingConfig(epochs, b, optimizer, learningRate, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, seed, limit, validationFraction);
    }

    public TrainingConfig withAugmentation(int padding, boolean flip) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, padding,
                flip, seed, limit, validationFraction);
    }

    public TrainingConfig withValidationFraction(double f) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, weightDecay, schedule, cropPadding,
                horizontalFlip, seed, limit, f);
    }

    public TrainingConfig withWeightDecay(float wd) {
        return new TrainingConfig(epochs, batchSize, optimizer, learningRate, momentum, wd, schedule, cropPadding,
                horizontalFlip, seed, limit, validationFraction);
    }
}

package org.compresslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.compresslab.train.EpochStats;
import org.compresslab.train.OptimizerKind;
import org.compresslab.train.Schedule;
import org.compresslab.train.TrainingConfig;
import org.compresslab.train.TrainingListener;
import picocli.CommandLine.Option;

/** Training options shared by {@code train} and {@code finetune}; unset ones take the command's defaults. */
public final class TrainingOptions {
    @Option(names = "--dataset", required = true, paramLabel = "fashion-mnist|PATH", description = "Training data.")
    String dataset;

    @Option(names = "--split", defaultValue = "train", description = "Split to train on (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--epochs", required = true, paramLabel = "N", description = "Epochs.")
    int epochs;

    @Option(names = "--limit", paramLabel = "N", description = "Use only N training images (default: all).")
    Integer limit;

    @Option(names = "--seed", paramLabel = "S", description = "Seed for initialisation, shuffling, hold-out and augmentation.")
    Long seed;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr", paramLabel = "RATE", description = "Peak learning rate.")
    Float learningRate;

    @Option(names = "--optimizer", paramLabel = "sgd|adam|adamw", description = "Optimiser.")
    String optimizer;

    @Option(names = "--schedule", paramLabel = "constant|step|cosine|one-cycle", description = "Learning-rate schedule.")
    String schedule;

    @Option(names = "--weight-decay", paramLabel = "WD", description = "Weight decay.")
    Float weightDecay;

    @Option(names = "--crop-padding", paramLabel = "P", description = "Random-crop padding in pixels (0 = off).")
    Integer cropPadding;

    @Option(names = "--no-flip", description = "Turn off random horizontal flips.")
    boolean noFlip;

    @Option(names = "--validation", paramLabel = "SHARE", description = "Share of the training images held out for validation.")
    Double validation;

    TrainingConfig apply(TrainingConfig base) {
        try {
            TrainingConfig c = base.withEpochs(epochs);
            if (limit != null) {
                c = c.withLimit(limit);
            }
            if (seed != null) {
                c = c.withSeed(seed);
            }
            if (batch != null) {
                c = c.withBatchSize(batch);
            }
            if (learningRate != null) {
                c = c.withLearningRate(learningRate);
            }
            if (optimizer != null) {
                c = c.withOptimizer(OptimizerKind.parse(optimizer));
            }
            if (schedule != null) {
                c = c.withSchedule(Schedule.parse(schedule));
            }
            if (weightDecay != null) {
                c = c.withWeightDecay(weightDecay);
            }
            c = c.withAugmentation(cropPadding != null ? cropPadding : c.cropPadding(), !noFlip && c.horizontalFlip());
            if (validation != null) {
                c = c.withValidationFraction(validation);
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    /** Prints one line per epoch on stderr (the JSON result goes to stdout). */
    static TrainingListener printer(PrintWriter err, int epochs) {
        return new TrainingListener() {
            @Override
            public void onEpoch(EpochStats s) {
                err.printf(Locale.ROOT, "epoch %d/%d  loss %.4f  train %.2f%%  validation %s  %.0f images/s  lr %.4g  %.1f s%n",
                        s.epoch(), epochs, s.trainLoss(), 100 * s.trainAccuracy(),
                        Double.isNaN(s.validationAccuracy()) ? "—" : String.format(Locale.ROOT, "%.2f%% (loss %.4f)",
                                100 * s.validationAccuracy(), s.validationLoss()),
                        s.imagesPerSecond(), s.learningRate(), s.seconds());
                err.flush();
            }
        };
    }
}

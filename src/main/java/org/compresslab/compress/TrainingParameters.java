package org.compresslab.compress;

import java.util.List;
import java.util.Locale;
import org.compresslab.progress.ProgressListener;
import org.compresslab.train.EpochStats;
import org.compresslab.train.OptimizerKind;
import org.compresslab.train.TrainingConfig;
import org.compresslab.train.TrainingListener;

/**
 * The training parameters every technique that trains shares (fine-tuning, QAT, distillation), with
 * their defaults for fine-tuning an already trained model, and how they become a {@link TrainingConfig}.
 */
public final class TrainingParameters {
    private TrainingParameters() {
    }

    /** epochs, lr, optimizer, batch, limit — with {@code defaultEpochs} and {@code defaultLr}. */
    public static List<ParameterSpec> specs(int defaultEpochs, double defaultLr) {
        return specs(1, defaultEpochs, defaultLr, "Passes over the training images.");
    }

    /** The same, for techniques where training is optional ({@code minEpochs} 0 = no training). */
    public static List<ParameterSpec> specs(int minEpochs, int defaultEpochs, double defaultLr, String epochsExplanation) {
        return List.of(
                ParameterSpec.integer("epochs", minEpochs, 200, defaultEpochs, epochsExplanation),
                ParameterSpec.number("lr", 1e-6, 1, defaultLr,
                        "Peak learning rate (cosine decay to zero). Fine-tuning wants a small one."),
                ParameterSpec.choice("optimizer", "sgd", List.of("sgd", "adam", "adamw"),
                        "SGD with momentum 0.9, Adam, or AdamW (decoupled weight decay)."),
                ParameterSpec.integer("batch", 8, 1024, 64, "Images per training step."),
                ParameterSpec.integer("limit", 0, 10_000_000, 0,
                        "Use only this many training images (0 = all); 10% of them are held out for validation."));
    }

    public static TrainingConfig config(StepParameters p, long seed) {
        return TrainingConfig.fineTuning().withEpochs(p.integer("epochs")).withLearningRate((float) p.number("lr"))
                .withOptimizer(OptimizerKind.valueOf(p.choice("optimizer").toUpperCase(Locale.ROOT)))
                .withBatchSize(p.integer("batch")).withLimit(p.integer("limit")).withSeed(seed);
    }

    /** Forwards training events to the context's training listener and its progress, within [from, to]. */
    public static TrainingListener listener(CompressionContext ctx, double from, double to) {
        ProgressListener progress = ctx.progressBetween(from, to);
        TrainingListener forward = ctx.trainingListener();
        return new TrainingListener() {
            @Override
            public void onBatch(int epoch, double fraction, double loss) {
                forward.onBatch(epoch, fraction, loss);
                progress.progress(fraction, String.format(Locale.ROOT, "training epoch %d, loss %.4f", epoch, loss));
            }

            @Override
            public void onEpoch(EpochStats stats) {
                forward.onEpoch(stats);
            }
        };
    }
}

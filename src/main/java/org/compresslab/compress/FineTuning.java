package org.compresslab.compress;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.graph.Graph;
import org.compresslab.train.EpochStats;
import org.compresslab.train.LossFunction;
import org.compresslab.train.ModelTrainer;
import org.compresslab.train.TrainedModel;
import org.compresslab.train.UntrainableModelException;
import org.compresslab.train.ValueTransform;

/**
 * {@code train.finetune}: a recipe step that fine-tunes the current model on the training split — what
 * recovers the accuracy pruning or factorization took. Also the fine-tuning other techniques run
 * between their steps.
 */
public final class FineTuning implements Technique {
    public static final String ID = "train.finetune";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.TRAINING,
            "Fine-tune",
            "Trains the current model for a few more epochs on the training images, starting from its own "
                    + "weights, at a small learning rate that decays to zero. After pruning or factorization the "
                    + "remaining weights adapt to what was removed; the architecture itself does not change. "
                    + "The epoch with the best accuracy on held-out training images is kept.",
            "Recovers most of the accuracy a structural change cost, in minutes for the sample models; size, "
                    + "MACs and latency stay as they are.",
            TrainingParameters.specs(2, 0.005), true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        Result r = fineTune(model, p, ValueTransform.NONE, ctx, 0, 1);
        return new TechniqueOutcome(r.model().graph(), r.report(), r.warnings());
    }

    /**
     * Fine-tunes with the step's training parameters; {@code transform} sees every weight (e.g. a pruning
     * mask that keeps removed weights at zero). Progress spans [from, to] of the context's.
     */
    public static Result fineTune(Graph model, StepParameters p, ValueTransform transform, CompressionContext ctx,
                                  double from, double to) {
        TrainedModel trained;
        try {
            trained = ModelTrainer.train(model, ctx.trainingData(), ctx.preprocessing(),
                    TrainingParameters.config(p, ctx.seed()), TrainingParameters.listener(ctx, from, to),
                    LossFunction.CROSS_ENTROPY, transform, ctx.cancel());
        } catch (UntrainableModelException e) {
            throw new CompressionException(e.getMessage() + " — fine-tune before quantizing (or use quantize.qat, "
                    + "which trains and quantizes in one step)", e);
        }
        List<String> warnings = new ArrayList<>();
        if (trained.result().diverged()) {
            warnings.add(trained.result().message());
        }
        return new Result(trained, new FineTuneReport(p.integer("epochs"), p.number("lr"), p.choice("optimizer"),
                trained.result().epochs(), trained.result().keptEpoch(), trained.result().diverged()), warnings);
    }

    /** A fine-tuned model, its report and warnings. */
    public record Result(TrainedModel model, FineTuneReport report, List<String> warnings) {
    }

    /** Each epoch's training and validation figures, and which epoch's weights were kept. */
    public record FineTuneReport(int epochs, double learningRate, String optimizer, List<EpochStats> history,
                                 int keptEpoch, boolean diverged) {
    }
}

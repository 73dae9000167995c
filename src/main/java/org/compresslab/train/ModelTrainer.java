package org.compresslab.train;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;

/**
 * Trains a graph (from scratch or fine-tuning, it is the same loop) and returns a copy carrying the
 * trained weights, the preprocessing it was trained with, and a summary of the training in its
 * metadata. The source graph is never modified.
 */
public final class ModelTrainer {
    public static final String TRAINING_METADATA_KEY = "compresslab.training";

    private ModelTrainer() {
    }

    public static TrainedModel train(Graph source, ImageDataset dataset, Preprocessing prep, TrainingConfig config,
                                     TrainingListener listener, LossFunction loss, ValueTransform transform,
                                     CancellationToken cancel) {
        Graph trained = source.copy();
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(trained);
            block.setValueTransform(transform);
            block.initialize(manager, DataType.FLOAT32, new Shape(prep.shape(1)));
            TrainingResult result = new TrainingLoop(block, manager).optListener(listener).optLoss(loss)
                    .train(dataset, prep, config, cancel);
            block.writeBack(trained);
            trained.metadata().put(Preprocessing.METADATA_KEY, prep.toJson());
            trained.metadata().put(TRAINING_METADATA_KEY, summary(dataset, config, result));
            return new TrainedModel(trained, result);
        }
    }

    public static TrainedModel train(Graph source, ImageDataset dataset, Preprocessing prep, TrainingConfig config,
                                     TrainingListener listener, CancellationToken cancel) {
        return train(source, dataset, prep, config, listener, LossFunction.CROSS_ENTROPY, ValueTransform.NONE, cancel);
    }

    private static String summary(ImageDataset dataset, TrainingConfig c, TrainingResult r) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("dataset", dataset.name());
        o.put("epochs", c.epochs());
        o.put("batch", c.batchSize());
        o.put("optimizer", c.optimizer().name().toLowerCase(java.util.Locale.ROOT));
        o.put("learning_rate", c.learningRate());
        o.put("schedule", c.schedule().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
        o.put("weight_decay", c.weightDecay());
        o.put("seed", c.seed());
        o.put("limit", c.limit());
        o.put("validation_fraction", c.validationFraction());
        o.put("kept_epoch", r.keptEpoch());
        double best = r.bestValidationAccuracy();
        if (Double.isFinite(best)) {
            o.put("validation_accuracy", best);
        }
        o.put("diverged", r.diverged());
        return o.toString();
    }
}

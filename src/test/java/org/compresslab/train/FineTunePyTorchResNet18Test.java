package org.compresslab.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.compresslab.TestFiles;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.junit.jupiter.api.Test;

/** An imported, PyTorch-exported ResNet-18 fine-tunes for an epoch on a subset and is not worse after it. */
class FineTunePyTorchResNet18Test {

    @Test
    void oneEpochOfFineTuningRunsAndDoesNotLowerAccuracy() {
        ModelFile original = ModelFile.load(TestFiles.fixture("resnet18.onnx"));
        Preprocessing prep = new Preprocessing(64, 64, 3, new float[] {0.286f}, new float[] {0.353f}, "NCHW");
        ImageDataset train = Datasets.open("fashion-mnist", "train");
        ImageDataset test = Datasets.open("fashion-mnist", "test");
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(400).withRuns(3);
        double before = new Evaluator().evaluate(original, test, prep, settings, ProgressListener.NONE,
                CancellationToken.NEVER).accuracy().top1();

        TrainingConfig config = TrainingConfig.fineTuning().withEpochs(1).withLimit(640).withBatchSize(32)
                .withLearningRate(0.01f).withValidationFraction(0);
        TrainedModel tuned = ModelTrainer.train(original.graph(), train, prep, config, TrainingListener.NONE,
                new CancellationToken());
        Graph g = tuned.graph();
        double after = new Evaluator().evaluate(ModelFile.of(null, g), test, prep, settings, ProgressListener.NONE,
                CancellationToken.NEVER).accuracy().top1();

        assertThat(tuned.result().diverged()).isFalse();
        assertThat(after).isGreaterThanOrEqualTo(before);
        assertThat(g.metadata()).containsKey(Preprocessing.METADATA_KEY).containsKey(ModelTrainer.TRAINING_METADATA_KEY);
        // the source graph is untouched
        assertThat(original.graph().initializers().values().iterator().next().rawData())
                .isEqualTo(ModelFile.load(TestFiles.fixture("resnet18.onnx")).graph().initializers().values().iterator().next().rawData());
    }
}

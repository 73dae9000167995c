package org.compresslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.CancelledException;
import org.junit.jupiter.api.Test;

/** The shared training loop: learns, reports, keeps good weights, stops on NaN and on cancel. */
class TrainingLoopTest {
    static final Preprocessing FASHION = new Preprocessing(28, 28, 1, new float[] {0.2860f}, new float[] {0.3530f}, "NCHW");

    @Test
    void tinyModelLearnsAThousandImageSubsetWellAboveChanceInUnderAMinute() {
        ImageDataset train = Datasets.open("fashion-mnist", "train");
        Graph g = TinyModels.smallCnn(1);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(4).withLimit(1000).withBatchSize(32)
                .withOptimizer(OptimizerKind.ADAM).withLearningRate(0.01f).withSchedule(Schedule.COSINE)
                .withValidationFraction(0.2);
        List<EpochStats> epochs = new ArrayList<>();
        long start = System.nanoTime();
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(g);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            TrainingResult r = new TrainingLoop(block, manager).optListener(new TrainingListener() {
                @Override
                public void onEpoch(EpochStats stats) {
                    epochs.add(stats);
                }
            }).train(train, FASHION, config, new CancellationToken());
            double seconds = (System.nanoTime() - start) / 1e9;
            assertThat(r.diverged()).isFalse();
            assertThat(epochs).hasSize(4);
            assertThat(r.bestValidationAccuracy()).as("chance is 10%%").isGreaterThan(0.5);
            assertThat(epochs.get(3).trainLoss()).isLessThan(epochs.get(0).trainLoss());
            assertThat(epochs.get(0).imagesPerSecond()).isPositive();
            assertThat(seconds).as("training time").isLessThan(60);
            // the kept weights are the best epoch's
            assertThat(r.keptEpoch()).isBetween(1, 4);
            assertThat(epochs.get(r.keptEpoch() - 1).validationAccuracy()).isEqualTo(r.bestValidationAccuracy());
        }
    }

    @Test
    void nanGuardStopsWithAClearMessageAndKeepsFiniteWeights() {
        ImageDataset train = Datasets.open("fashion-mnist", "train");
        Graph g = TinyModels.smallCnn(2);
        TrainingConfig config = TrainingConfig.defaults().withEpochs(3).withLimit(512).withBatchSize(32)
                .withLearningRate(1e12f).withSchedule(Schedule.CONSTANT).withValidationFraction(0);
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(g);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            TrainingResult r = new TrainingLoop(block, manager).train(train, FASHION, config, new CancellationToken());
            assertThat(r.diverged()).isTrue();
            assertThat(r.message()).contains("diverged", "lower learning rate");
            Graph kept = g.copy();
            block.writeBack(kept);
            for (var t : kept.initializers().values()) {
                for (float v : t.toFloats()) {
                    assertThat(Float.isFinite(v)).as(t.name()).isTrue();
                }
            }
        }
    }

    @Test
    void cancellingStopsBetweenBatches() {
        ImageDataset train = Datasets.open("fashion-mnist", "train");
        CancellationToken cancel = new CancellationToken();
        int[] batches = new int[1];
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(TinyModels.smallCnn(3));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            TrainingLoop loop = new TrainingLoop(block, manager).optListener(new TrainingListener() {
                @Override
                public void onBatch(int epoch, double fraction, double loss) {
                    if (++batches[0] == 3) {
                        cancel.cancel();
                    }
                }
            });
            assertThatThrownBy(() -> loop.train(train, FASHION, TrainingConfig.defaults().withLimit(2000), cancel))
                    .isInstanceOf(CancelledException.class);
            assertThat(batches[0]).isEqualTo(3);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(OptimizerKind.class)
    void everyOptimiserLearnsAndLeavesNoArraysBehindPerStep(OptimizerKind kind) {
        ImageDataset train = Datasets.open("fashion-mnist", "train");
        float lr = kind == OptimizerKind.SGD ? 0.05f : 0.01f;
        TrainingConfig config = TrainingConfig.defaults().withEpochs(2).withLimit(1000).withBatchSize(32)
                .withOptimizer(kind).withLearningRate(lr).withSchedule(Schedule.COSINE).withValidationFraction(0.2);
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(TinyModels.smallCnn(4));
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            TrainingLoop loop = new TrainingLoop(block, manager);
            TrainingResult first = loop.train(train, FASHION, config.withEpochs(1), new CancellationToken());
            int arraysAfterOneEpoch = manager.getManagedArrays().size();
            TrainingResult more = loop.train(train, FASHION, config, new CancellationToken());
            // a leak of even one array per update would add hundreds here
            assertThat(manager.getManagedArrays().size()).isLessThanOrEqualTo(arraysAfterOneEpoch + 2 * 40);
            assertThat(more.bestValidationAccuracy()).as("chance is 10%%").isGreaterThan(0.25);
            assertThat(more.epochs().get(1).trainLoss()).isLessThan(first.epochs().get(0).trainLoss());
            assertThat(first.diverged()).isFalse();
        }
    }

    @Test
    void sameSeedGivesTheSameTrainingHoldOut() {
        ImageDataset train = Datasets.open("fashion-mnist", "train");
        int[][] a = TrainingLoop.split(train, TrainingConfig.defaults().withLimit(1000).withSeed(5));
        int[][] b = TrainingLoop.split(train, TrainingConfig.defaults().withLimit(1000).withSeed(5));
        int[][] c = TrainingLoop.split(train, TrainingConfig.defaults().withLimit(1000).withSeed(6));
        assertThat(a[0]).isEqualTo(b[0]);
        assertThat(a[1]).isEqualTo(b[1]).hasSize(100);
        assertThat(a[0]).hasSize(900).isNotEqualTo(c[0]);
    }
}

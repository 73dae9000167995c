package org.compresslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.progress.CancellationToken;

/**
 * The training loop every technique that trains shares: seeded shuffling and hold-out, augmentation,
 * the chosen optimiser and schedule, validation each epoch, the best weights kept, and a NaN guard
 * that stops, restores the last good weights and says what happened. Works on any DJL block (the
 * benchmark trains DJL's own ResNet with it too); batches live in child managers and are freed at once.
 */
public final class TrainingLoop {
    private final Block block;
    private final NDManager manager;
    private LossFunction loss = LossFunction.CROSS_ENTROPY;
    private TrainingListener listener = TrainingListener.NONE;

    /** {@code block} must already be initialised in {@code manager}. */
    public TrainingLoop(Block block, NDManager manager) {
        this.block = block;
        this.manager = manager;
    }

    public TrainingLoop optLoss(LossFunction lossFunction) {
        this.loss = lossFunction;
        return this;
    }

    public TrainingLoop optListener(TrainingListener l) {
        this.listener = l;
        return this;
    }

    /** Splits {@code dataset} into training and validation indices (seeded) as the config says. */
    public static int[][] split(ImageDataset dataset, TrainingConfig config) {
        int n = config.limit() == 0 ? dataset.size() : Math.min(config.limit(), dataset.size());
        int[] all = new int[dataset.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        shuffle(all, new Random(config.seed()));
        int[] chosen = Arrays.copyOf(all, n);
        int validation = (int) Math.round(n * config.validationFraction());
        int[] val = Arrays.copyOfRange(chosen, 0, validation);
        int[] train = Arrays.copyOfRange(chosen, validation, n);
        Arrays.sort(val);
        return new int[][] {train, val};
    }

    public TrainingResult train(ImageDataset dataset, Preprocessing prep, TrainingConfig config, CancellationToken cancel) {
        int[][] split = split(dataset, config);
        int[] trainIdx = split[0];
        int[] valIdx = split[1];
        if (trainIdx.length == 0) {
            throw new IllegalArgumentException("no training images left after holding out the validation share");
        }
        Random random = new Random(config.seed() ^ 0x5DEECE66DL);
        Augmentation augmentation = new Augmentation(config.cropPadding(), config.horizontalFlip(), prep);
        int stepsPerEpoch = (trainIdx.length + config.batchSize() - 1) / config.batchSize();
        int totalSteps = stepsPerEpoch * config.epochs();
        ParameterUpdater optimizer = new ParameterUpdater(config, totalSteps);
        Map<String, Parameter> params = trainable();
        List<EpochStats> history = new ArrayList<>();
        Map<String, float[]> best = snapshot();
        Map<String, float[]> lastGood = best;
        int bestEpoch = 0;
        double bestAccuracy = Double.NEGATIVE_INFINITY;
        int step = 0;
        long[] shape = prep.shape(1);
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long start = System.nanoTime();
            int[] order = trainIdx.clone();
            shuffle(order, random);
            double lossSum = 0;
            long correct = 0;
            long seen = 0;
            try (BatchStream stream = BatchStream.of(dataset, prep, config.batchSize(), order).withReadAhead()) {
                int batchNo = 0;
                while (stream.hasNext()) {
                    cancel.throwIfCancelled();
                    Batch b = stream.next();
                    batchNo++;
                    augmentation.apply(b.data(), b.size(), (int) shape[1], (int) shape[2], (int) shape[3], random);
                    float batchLoss;
                    // every array a step creates is closed with the step: gradient wrappers, results of
                    // ops whose first operand is a weight, optimiser temporaries — or they pile up in the
                    // weights' manager, costing memory and making each gradient reset slower
                    try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = sub.create(b.data(), new Shape(b.shape()));
                        NDArray y = sub.create(Arrays.copyOf(b.labels(), b.size()));
                        NDArray logits;
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            // PyTorch accumulates gradients across backward passes: start each batch from zero
                            gc.zeroGradients();
                            logits = block.forward(new ParameterStore(sub, false), new NDList(x), true).singletonOrThrow();
                            NDArray l = loss.compute(logits, y, b);
                            batchLoss = l.getFloat();
                            if (!Float.isFinite(batchLoss)) {
                                restore(lastGood);
                                String msg = String.format(java.util.Locale.ROOT,
                                        "training diverged at epoch %d, batch %d (the loss became %s); the weights of %s "
                                                + "were kept. Try a lower learning rate.", epoch, batchNo, batchLoss,
                                        history.isEmpty() ? "the start" : "epoch " + history.size());
                                return new TrainingResult(history, history.size(), true, msg);
                            }
                            gc.backward(l);
                        }
                        optimizer.nextStep();
                        for (Map.Entry<String, Parameter> e : params.entrySet()) {
                            NDArray w = e.getValue().getArray();
                            optimizer.update(e.getValue().getId(), w, w.getGradient());
                        }
                        correct += countCorrect(logits, b);
                    }
                    step++;
                    lossSum += batchLoss * b.size();
                    seen += b.size();
                    listener.onBatch(epoch, step / (double) totalSteps, batchLoss);
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (!parametersFinite()) {
                restore(lastGood);
                return new TrainingResult(history, history.size(), true, "training diverged in epoch " + epoch
                        + " (a weight became NaN or infinite); the last good weights were kept. Try a lower learning rate.");
            }
            double[] val = valIdx.length == 0 ? new double[] {Double.NaN, Double.NaN}
                    : evaluate(dataset, prep, valIdx, config.batchSize(), cancel);
            EpochStats stats = new EpochStats(epoch, lossSum / seen, correct / (double) seen, val[0], val[1], seen / seconds,
                    config.schedule().rate(config.learningRate(), Math.max(0, step - 1), totalSteps), seconds);
            history.add(stats);
            listener.onEpoch(stats);
            lastGood = snapshot();
            double score = valIdx.length == 0 ? epoch : val[1];
            if (score >= bestAccuracy) {
                bestAccuracy = score;
                best = lastGood;
                bestEpoch = epoch;
            }
        }
        restore(best);
        return new TrainingResult(history, bestEpoch, false, "kept the weights of epoch " + bestEpoch
                + (valIdx.length == 0 ? " (the last)" : " (best validation accuracy)"));
    }

    /** {loss, accuracy} of the block in inference mode on the given images. */
    public double[] evaluate(ImageDataset dataset, Preprocessing prep, int[] indices, int batchSize, CancellationToken cancel) {
        double lossSum = 0;
        long correct = 0;
        long seen = 0;
        try (BatchStream stream = BatchStream.of(dataset, prep, batchSize, indices)) {
            while (stream.hasNext()) {
                cancel.throwIfCancelled();
                Batch b = stream.next();
                try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
                    scope.suppressNotUsedWarning();
                    NDArray x = sub.create(b.data(), new Shape(b.shape()));
                    NDArray y = sub.create(Arrays.copyOf(b.labels(), b.size()));
                    NDArray logits = block.forward(new ParameterStore(sub, false), new NDList(x), false).singletonOrThrow();
                    lossSum += LossFunction.crossEntropy(logits, y).getFloat() * b.size();
                    correct += countCorrect(logits, b);
                    seen += b.size();
                }
            }
        }
        return new double[] {lossSum / seen, correct / (double) seen};
    }

    private static long countCorrect(NDArray logits, Batch b) {
        long[] pred = logits.argMax(1).toLongArray();
        long c = 0;
        for (int i = 0; i < b.size(); i++) {
            if (pred[i] == b.labels()[i]) {
                c++;
            }
        }
        return c;
    }

    private Map<String, Parameter> trainable() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.put(p.getKey(), p.getValue());
            }
        }
        return out;
    }

    /** Copies of every parameter (weights and statistics). */
    private Map<String, float[]> snapshot() {
        Map<String, float[]> s = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            s.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return s;
    }

    private void restore(Map<String, float[]> s) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            float[] v = s.get(p.getKey());
            if (v != null) {
                p.getValue().getArray().set(v);
            }
        }
    }

    private boolean parametersFinite() {
        for (Pair<String, Parameter> p : block.getParameters()) {
            for (float v : p.getValue().getArray().toFloatArray()) {
                if (!Float.isFinite(v)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}

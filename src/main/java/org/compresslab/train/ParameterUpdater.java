package org.compresslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.HashMap;
import java.util.Map;

/**
 * SGD with momentum, Adam and AdamW (PyTorch's formulas), updating weights in place. Temporaries go
 * to a scratch manager closed after each update; the optimiser state is created once per parameter
 * and kept out of the training step's NDScope. (DJL's optimisers, with the PyTorch engine, left
 * arrays attached to the weights' manager on every update.)
 */
final class ParameterUpdater {
    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final TrainingConfig config;
    private final int totalSteps;
    private final Map<String, NDArray[]> state = new HashMap<>();
    private int step;

    ParameterUpdater(TrainingConfig config, int totalSteps) {
        this.config = config;
        this.totalSteps = totalSteps;
    }

    /** Call once per batch, before the parameters are updated. */
    void nextStep() {
        step++;
    }

    float learningRate() {
        return config.schedule().rate(config.learningRate(), Math.max(0, step - 1), totalSteps);
    }

    void update(String id, NDArray weight, NDArray gradient) {
        float lr = learningRate();
        float wd = config.weightDecay();
        try (NDManager scratch = weight.getManager().newSubManager()) {
            switch (config.optimizer()) {
                case SGD -> {
                    // PyTorch's SGD: d = g + wd·w; v = μ·v + d; w -= lr·v
                    NDArray d = temp(scratch, gradient.add(temp(scratch, weight.mul(wd))));
                    NDArray v = state(id, weight, 1)[0];
                    v.muli(config.momentum()).addi(d);
                    weight.subi(temp(scratch, v.mul(lr)));
                }
                case ADAM, ADAMW -> {
                    NDArray g = gradient;
                    if (config.optimizer() == OptimizerKind.ADAM && wd != 0) {
                        g = temp(scratch, gradient.add(temp(scratch, weight.mul(wd))));
                    } else if (config.optimizer() == OptimizerKind.ADAMW && wd != 0) {
                        weight.subi(temp(scratch, weight.mul(lr * wd))); // decoupled decay
                    }
                    NDArray[] mv = state(id, weight, 2);
                    mv[0].muli(BETA1).addi(temp(scratch, g.mul(1 - BETA1)));
                    mv[1].muli(BETA2).addi(temp(scratch, temp(scratch, g.mul(g)).mul(1 - BETA2)));
                    double c1 = 1 - Math.pow(BETA1, step);
                    double c2 = 1 - Math.pow(BETA2, step);
                    NDArray denominator = temp(scratch, temp(scratch, temp(scratch, mv[1].div(c2)).sqrt()).add(EPSILON));
                    weight.subi(temp(scratch, temp(scratch, mv[0].mul(lr / c1)).div(denominator)));
                }
            }
        }
    }

    private NDArray[] state(String id, NDArray weight, int count) {
        return state.computeIfAbsent(id, k -> {
            NDArray[] s = new NDArray[count];
            for (int i = 0; i < count; i++) {
                s[i] = weight.zerosLike();
                // the update runs inside the training step's NDScope: the state must outlive it
                ai.djl.ndarray.NDScope.unregister(s[i]);
            }
            return s;
        });
    }

    private static NDArray temp(NDManager scratch, NDArray a) {
        a.attach(scratch);
        return a;
    }
}

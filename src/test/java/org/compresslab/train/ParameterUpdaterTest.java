package org.compresslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

/** The optimisers follow PyTorch's update formulas, checked by hand for two steps. */
class ParameterUpdaterTest {
    private static TrainingConfig config(OptimizerKind kind, float wd) {
        return TrainingConfig.defaults().withOptimizer(kind).withLearningRate(0.1f).withSchedule(Schedule.CONSTANT)
                .withWeightDecay(wd);
    }

    @Test
    void sgdWithMomentumAndWeightDecayMatchesHandComputedSteps() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, 2f});
            NDArray g = m.create(new float[] {0.5f, -1f});
            ParameterUpdater u = new ParameterUpdater(config(OptimizerKind.SGD, 0.1f), 10);
            u.nextStep();
            u.update("w", w, g);
            // d = g + 0.1·w = [0.6, -0.8]; v = d; w = w − 0.1·v = [0.94, 2.08]
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.94f, 2.08f}, within(1e-6f));
            u.nextStep();
            u.update("w", w, g);
            // d = [0.594, -0.792]; v = 0.9·[0.6, -0.8] + d = [1.134, -1.512]; w = [0.8266, 2.2312]
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.8266f, 2.2312f}, within(1e-5f));
        }
    }

    @Test
    void adamFirstStepMovesEachWeightByTheLearningRateAgainstTheGradientSign() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f, 2f});
            NDArray g = m.create(new float[] {0.5f, -3f});
            ParameterUpdater u = new ParameterUpdater(config(OptimizerKind.ADAM, 0f), 10);
            u.nextStep();
            u.update("w", w, g);
            // bias-corrected m̂ = g, v̂ = g², so the step is lr·g/|g|
            assertThat(w.toFloatArray()).containsExactly(new float[] {0.9f, 2.1f}, within(1e-5f));
        }
    }

    @Test
    void adamwDecaysWeightsSeparatelyFromTheGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1f});
            NDArray g = m.create(new float[] {0.5f});
            ParameterUpdater u = new ParameterUpdater(config(OptimizerKind.ADAMW, 0.5f), 10);
            u.nextStep();
            u.update("w", w, g);
            // w·(1 − lr·wd) = 0.95, then the Adam step −0.1
            assertThat(w.toFloatArray()[0]).isCloseTo(0.85f, within(1e-5f));
        }
    }
}

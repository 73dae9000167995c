package org.compresslab.train.catalogue;

import java.util.Random;

/**
 * The random initialisations the catalogue uses, all drawn from one seeded {@link Random} so a build
 * is reproducible bit for bit.
 * <ul>
 *   <li>{@link #heNormal}: N(0, 2 / fan_in) — He et al. 2015, "fan_in" mode, for convolutions followed by ReLU.</li>
 *   <li>{@link #uniform}: U(−1/√fan_in, +1/√fan_in) — what PyTorch's {@code nn.Linear} gives its weight
 *       (kaiming_uniform with a = √5) and bias by default.</li>
 *   <li>{@link #truncatedNormal}: N(0, σ²) redrawn outside ±2σ — the ViT convention (σ = 0.02).</li>
 * </ul>
 */
final class WeightInit {
    private WeightInit() {
    }

    static float[] heNormal(Random random, int count, long fanIn) {
        double std = Math.sqrt(2.0 / fanIn);
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            w[i] = (float) (random.nextGaussian() * std);
        }
        return w;
    }

    static float[] uniform(Random random, int count, long fanIn) {
        double bound = 1.0 / Math.sqrt(fanIn);
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            w[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
        return w;
    }

    static float[] truncatedNormal(Random random, int count, double std) {
        float[] w = new float[count];
        for (int i = 0; i < count; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            w[i] = (float) (z * std);
        }
        return w;
    }

    static float[] filled(int count, float value) {
        float[] w = new float[count];
        java.util.Arrays.fill(w, value);
        return w;
    }
}

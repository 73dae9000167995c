package org.compresslab.compress.lowrank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.runtime.RuntimeOptions;

/** Outputs compared in ONNX Runtime on real images, and weights with known singular values. */
final class LowRankTestSupport {
    static final int IMAGES = 100;

    private LowRankTestSupport() {
    }

    /** Both graphs' outputs on the first Fashion-MNIST test images agree within {@code tolerance}. */
    static void assertSameOutputs(Graph original, Graph factorized, Preprocessing prep, double tolerance) {
        float[] a = CompressionFixtures.outputs(original, prep, IMAGES);
        float[] b = CompressionFixtures.outputs(factorized, prep, IMAGES);
        assertThat(b).hasSameSizeAs(a);
        double maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
        }
        assertThat(maxDiff).as("largest output difference").isLessThan(tolerance);
    }

    /** Replaces every layer found at its full rank(s). */
    static Graph atFullRank(Graph model, List<FactorizableLayers.Kind> kinds) {
        Graph g = model.copy();
        FactorizableLayers.Found found = FactorizableLayers.find(g, kinds, n -> false);
        assertThat(found.layers()).isNotEmpty();
        for (FactorizableLayer layer : found.layers()) {
            layer.replace(g, layer.fullRanks());
        }
        g.removeUnusedInitializers();
        return g;
    }

    /** A context for graphs built in code; the factorizations themselves use no data. */
    static CompressionContext context(Preprocessing prep) {
        return new CompressionContext(prep, CompressionFixtures.trainData(), CompressionFixtures.testData(),
                RuntimeOptions.defaults(), 1, null, null, null);
    }

    /** A rows×cols row-major matrix U·diag(s)·Vᵀ with random orthonormal U and V. */
    static float[] withSingularValues(int rows, int cols, double[] s, long seed) {
        Random r = new Random(seed);
        double[] a = new double[rows * cols];
        for (int i = 0; i < a.length; i++) {
            a[i] = r.nextGaussian();
        }
        ThinSvd basis = ThinSvd.of(a, rows, cols, true, "a random matrix");
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double v = 0;
                for (int k = 0; k < s.length; k++) {
                    v += basis.u.get(i, k) * s[k] * basis.v.get(j, k);
                }
                out[i * cols + j] = (float) v;
            }
        }
        return out;
    }
}

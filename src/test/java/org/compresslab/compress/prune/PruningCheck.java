package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.Tensor;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/**
 * The property structured pruning must have: removing channels computes exactly what the original
 * graph computes once the weights that read those channels are zero. Both graphs run in ONNX Runtime.
 */
final class PruningCheck {
    static final double TOLERANCE = 1e-5;

    private PruningCheck() {
    }

    /**
     * Prunes a copy of {@code g} (each group keeping its {@code keeps} entry, in order), zeroes the
     * removed channels' readers in another copy, checks the pruned graph is valid, and
     * returns the largest output difference between the two over a few random inputs.
     */
    static double prunedMinusZeroedReaders(Graph g, List<ChannelGroup> groups, List<int[]> keeps, long[] inputShape) {
        Graph zeroed = g.copy();
        Graph pruned = g.copy();
        for (int i = 0; i < groups.size(); i++) {
            zeroReaders(zeroed, groups.get(i), keeps.get(i));
        }
        for (int i = 0; i < groups.size(); i++) {
            ChannelRemoval.remove(pruned, groups.get(i), keeps.get(i));
        }
        assertValid(g, pruned);
        double worst = 0;
        Random r = new Random(7);
        for (int run = 0; run < 3; run++) {
            float[] x = randomInput(inputShape, r);
            BackendOutput expected = run(zeroed, x, inputShape);
            BackendOutput actual = run(pruned, x, inputShape);
            assertThat(actual.shape()).isEqualTo(expected.shape());
            for (int i = 0; i < expected.data().length; i++) {
                worst = Math.max(worst, Math.abs(expected.data()[i] - actual.data()[i]));
            }
        }
        return worst;
    }

    static double prunedMinusZeroedReaders(Graph g, ChannelGroup group, int[] keep, long[] inputShape) {
        return prunedMinusZeroedReaders(g, List.of(group), List.of(keep), inputShape);
    }

    /**
     * Valid, with no shape-inference problem the original did not have (a graph with an op shape
     * inference does not know, such as PRelu, keeps that one problem).
     */
    static void assertValid(Graph original, Graph pruned) {
        assertThat(GraphValidator.problems(pruned)).isEmpty();
        assertThat(ShapeInference.infer(pruned, 1).problems())
                .isSubsetOf(ShapeInference.infer(original, 1).problems());
    }

    /** Sets to zero, in every consumer weight, the entries that read the channels not in {@code keep}. */
    static void zeroReaders(Graph g, ChannelGroup group, int[] keep) {
        boolean[] kept = new boolean[group.channels()];
        for (int k : keep) {
            kept[k] = true;
        }
        for (TensorSlice s : group.consumers()) {
            Tensor t = s.tensor(g);
            float[] v = t.toFloats();
            long[] dims = t.dims();
            int inner = 1;
            for (int i = s.axis() + 1; i < dims.length; i++) {
                inner *= (int) dims[i];
            }
            int length = (int) dims[s.axis()];
            for (int i = 0; i < v.length; i++) {
                int along = i / inner % length - s.offset();
                if (along >= 0 && along < group.channels() * s.block() && !kept[along / s.block()]) {
                    v[i] = 0;
                }
            }
            Node n = g.nodes().get(s.nodeIndex());
            Constants.replace(g, n, s.input(), Tensor.ofFloats(t.name(), dims, v));
        }
    }

    static BackendOutput run(Graph g, float[] x, long[] shape) {
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults())) {
            return ort.run(x, shape);
        }
    }

    static float[] randomInput(long[] shape, Random r) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        float[] x = new float[(int) n];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    /** The first {@code n} indices: a simple, reproducible choice of channels to keep. */
    static int[] firstHalf(int channels) {
        return java.util.stream.IntStream.range(0, Math.max(1, channels / 2)).toArray();
    }
}

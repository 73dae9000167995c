package org.compresslab.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.nn.Parameter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;

/**
 * First-order Taylor saliency of slices of weights (Molchanov et al. 2019): for a slice s of a weight
 * tensor — e.g. one output channel of a convolution — the loss changes by about Σ_{i∈s} w_i·∂L/∂w_i when
 * the slice is removed. The saliency is the square of that sum, averaged over batches: how much the
 * loss would move without the slice.
 */
public final class TaylorSaliency {
    private static final int BATCH = 64;

    private TaylorSaliency() {
    }

    /**
     * @param slicesByWeight weight initializer → the axis whose indices are the slices (e.g. 0 for a Conv
     *                       weight's output channels)
     * @param indices        the images to use
     * @return weight → saliency per slice
     */
    public static Map<String, double[]> of(Graph graph, Map<String, Integer> slicesByWeight, ImageDataset data,
                                           Preprocessing prep, int[] indices, CancellationToken cancel) {
        Map<String, double[]> out = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(graph.copy());
            block.initialize(manager, DataType.FLOAT32, new Shape(prep.shape(1)));
            Map<String, Parameter> params = block.trainableParameters();
            for (String w : slicesByWeight.keySet()) {
                if (!params.containsKey(w)) {
                    throw new IllegalArgumentException(w + " is not a trainable weight of the graph");
                }
                out.put(w, new double[(int) graph.initializer(w).orElseThrow().dim(slicesByWeight.get(w))]);
            }
            int batches = 0;
            try (BatchStream stream = BatchStream.of(data, prep, BATCH, indices)) {
                while (stream.hasNext()) {
                    cancel.throwIfCancelled();
                    Batch b = stream.next();
                    try (NDScope scope = new NDScope(); NDManager sub = manager.newSubManager()) {
                        scope.suppressNotUsedWarning();
                        NDArray x = sub.create(b.data(), new Shape(b.shape()));
                        NDArray y = sub.create(Arrays.copyOf(b.labels(), b.size()));
                        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                            gc.zeroGradients();
                            // eval-mode forward: BatchNorm uses the statistics the deployed model uses
                            NDArray logits = block.forward(new ParameterStore(sub, false), new NDList(x), false)
                                    .singletonOrThrow();
                            gc.backward(LossFunction.crossEntropy(logits, y));
                        }
                        for (Map.Entry<String, Integer> e : slicesByWeight.entrySet()) {
                            NDArray w = params.get(e.getKey()).getArray();
                            accumulate(out.get(e.getKey()), w.mul(w.getGradient()).toFloatArray(),
                                    w.getShape().getShape(), e.getValue());
                        }
                    }
                    batches++;
                }
            }
            for (double[] s : out.values()) {
                for (int i = 0; i < s.length; i++) {
                    s[i] /= Math.max(1, batches);
                }
            }
        }
        return out;
    }

    private static void accumulate(double[] saliency, float[] product, long[] dims, int axis) {
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        int slices = (int) dims[axis];
        double[] sums = new double[slices];
        for (int i = 0; i < product.length; i++) {
            sums[(int) ((i / inner) % slices)] += product[i];
        }
        for (int c = 0; c < slices; c++) {
            saliency[c] += sums[c] * sums[c];
        }
    }
}

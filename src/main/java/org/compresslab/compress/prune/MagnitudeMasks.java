package org.compresslab.compress.prune;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Tensor;
import org.compresslab.train.ValueTransform;

/** Which weights magnitude pruning keeps: a keep-mask per weight tensor. */
final class MagnitudeMasks {
    private final Map<String, boolean[]> keep;

    private MagnitudeMasks(Map<String, boolean[]> keep) {
        this.keep = keep;
    }

    /**
     * Masks that zero the {@code sparsity} share of smallest |w| — of each tensor, or of all together
     * when {@code global}. Exactly that many are zeroed (ties broken by position), so the reported
     * sparsity is the one asked for.
     */
    static MagnitudeMasks compute(Graph g, PrunableWeights weights, double sparsity, boolean global) {
        Map<String, boolean[]> keep = new LinkedHashMap<>();
        List<String> names = weights.names();
        if (global) {
            long total = weights.total(g);
            float[] all = new float[Math.toIntExact(total)];
            int at = 0;
            for (String w : names) {
                float[] v = g.initializer(w).orElseThrow().toFloats();
                for (float x : v) {
                    all[at++] = Math.abs(x);
                }
            }
            boolean[] k = keepLargest(all, sparsity);
            at = 0;
            for (String w : names) {
                int n = (int) g.initializer(w).orElseThrow().elementCount();
                boolean[] part = new boolean[n];
                System.arraycopy(k, at, part, 0, n);
                keep.put(w, part);
                at += n;
            }
        } else {
            for (String w : names) {
                float[] v = g.initializer(w).orElseThrow().toFloats();
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.abs(v[i]);
                }
                keep.put(w, keepLargest(v, sparsity));
            }
        }
        return new MagnitudeMasks(keep);
    }

    /** Keeps all but the floor(sparsity·n) smallest values (ties at the threshold: the first ones go). */
    private static boolean[] keepLargest(float[] magnitudes, double sparsity) {
        int n = magnitudes.length;
        int drop = (int) Math.floor(sparsity * n);
        boolean[] keep = new boolean[n];
        java.util.Arrays.fill(keep, true);
        if (drop == 0) {
            return keep;
        }
        float[] sorted = magnitudes.clone();
        java.util.Arrays.sort(sorted);
        float threshold = sorted[drop - 1];
        int below = 0;
        for (float m : magnitudes) {
            if (m < threshold) {
                below++;
            }
        }
        int tiesToDrop = drop - below;
        for (int i = 0; i < n; i++) {
            if (magnitudes[i] < threshold) {
                keep[i] = false;
            } else if (magnitudes[i] == threshold && tiesToDrop > 0) {
                keep[i] = false;
                tiesToDrop--;
            }
        }
        return keep;
    }

    /** Zeroes the masked weights of {@code g} (in place). */
    void applyTo(Graph g) {
        keep.forEach((w, k) -> {
            Tensor t = g.initializer(w).orElseThrow();
            float[] v = t.toFloats();
            for (int i = 0; i < v.length; i++) {
                if (!k[i]) {
                    v[i] = 0f;
                }
            }
            g.putInitializer(Tensor.ofFloats(w, t.dims(), v));
        });
    }

    /** For fine-tuning: each masked weight is multiplied by its mask, so pruned weights get no gradient. */
    ValueTransform asTransform() {
        Map<String, float[]> floats = new LinkedHashMap<>();
        keep.forEach((w, k) -> {
            float[] m = new float[k.length];
            for (int i = 0; i < k.length; i++) {
                m[i] = k[i] ? 1f : 0f;
            }
            floats.put(w, m);
        });
        return (name, value, isWeight, training) -> {
            float[] m = isWeight ? floats.get(name) : null;
            if (m == null) {
                return value;
            }
            NDArray mask = value.getManager().create(m, new Shape(value.getShape().getShape()));
            return value.mul(mask);
        };
    }
}

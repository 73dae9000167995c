package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.TensorEdits;

/**
 * Physically removes channels of one group: the producers' weight rows and biases, the followers'
 * per-channel constants (BatchNorm, PRelu, Mul/Add, depthwise weights and {@code group}), the consumers'
 * input weights (Flatten→Gemm blocks and Concat offsets included) and Reshape targets that count them.
 * The model's input and output shapes never change, since groups that reach them are never prunable.
 */
public final class ChannelRemoval {
    private ChannelRemoval() {
    }

    /**
     * Keeps only channels {@code keep} (sorted, distinct, at least one) of {@code group}, editing
     * {@code g} in place. The group may come from an earlier analysis of {@code g} or of a copy of it:
     * it is found again by its producers and its slices are re-derived, because removing another group
     * first shifts Concat offsets. Returns how many channels were removed.
     *
     * @throws IllegalArgumentException when the group is left alone, not in {@code g}, or {@code keep} is invalid
     */
    public static int remove(Graph g, ChannelGroup group, int[] keep) {
        ChannelGroup current = ChannelDependencies.analyse(g).sameGroupAs(group).orElseThrow(
                () -> new IllegalArgumentException("no group with producers " + group.producerNames() + " in this graph"));
        if (!current.isPrunable()) {
            throw new IllegalArgumentException("group " + current.producerNames() + " is "
                    + current.blockers().get(0).describe());
        }
        int[] drop = dropped(current.channels(), keep);
        if (drop.length == 0) {
            return 0;
        }
        Map<String, List<TensorSlice>> byTensorAxis = new LinkedHashMap<>();
        List<TensorSlice> all = new ArrayList<>();
        for (ProducerSlice p : current.producers()) {
            all.add(p.weight());
            p.biasSlice().ifPresent(all::add);
        }
        all.addAll(current.followers());
        all.addAll(current.consumers());
        for (TensorSlice s : all) {
            // slices of one tensor axis are cut together: their offsets are all relative to the uncut axis
            byTensorAxis.computeIfAbsent(s.nodeIndex() + "/" + s.input() + "/" + s.axis(), k -> new ArrayList<>()).add(s);
        }
        for (List<TensorSlice> slices : byTensorAxis.values()) {
            cut(g, slices, drop);
        }
        for (CountEdit e : current.countEdits()) {
            shrinkCount(g, e, drop.length);
        }
        current.values().forEach(g::removeValueInfo);
        return drop.length;
    }

    private static int[] dropped(int channels, int[] keep) {
        if (keep.length == 0) {
            throw new IllegalArgumentException("keep at least one channel");
        }
        boolean[] kept = new boolean[channels];
        int previous = -1;
        for (int k : keep) {
            if (k <= previous || k >= channels) {
                throw new IllegalArgumentException("keep must be sorted, distinct channel indices below " + channels
                        + ", got " + java.util.Arrays.toString(keep));
            }
            kept[k] = true;
            previous = k;
        }
        return java.util.stream.IntStream.range(0, channels).filter(c -> !kept[c]).toArray();
    }

    private static void cut(Graph g, List<TensorSlice> slices, int[] drop) {
        TensorSlice first = slices.get(0);
        Node n = g.nodes().get(first.nodeIndex());
        Tensor t = Constants.tensor(g, n.input(first.input())).orElseThrow();
        boolean[] gone = new boolean[(int) t.dim(first.axis())];
        for (TensorSlice s : slices) {
            for (int c : drop) {
                for (int j = 0; j < s.block(); j++) {
                    gone[s.offset() + c * s.block() + j] = true;
                }
            }
        }
        int[] keepIdx = java.util.stream.IntStream.range(0, gone.length).filter(i -> !gone[i]).toArray();
        Constants.replace(g, n, first.input(), TensorEdits.keepIndices(t, first.axis(), keepIdx));
    }

    private static void shrinkCount(Graph g, CountEdit e, int removed) {
        Node n = g.nodes().get(e.nodeIndex());
        long by = (long) removed * e.block();
        switch (e.kind()) {
            case GROUP_ATTRIBUTE -> n.setAttribute(Attribute.ofInt("group", n.intAttr("group", 1) - by));
            case RESHAPE_TARGET -> {
                Tensor t = Constants.tensor(g, n.input(1)).orElseThrow();
                long[] shape = t.toLongs();
                shape[e.position()] -= by;
                Constants.replace(g, n, 1, Tensor.ofLongs(t.name(), t.dims(), shape));
            }
        }
    }
}

package org.compresslab.compress.prune;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.compresslab.graph.Graph;

/**
 * Channels that must be pruned together: the output channels of one or more producers (several when a
 * residual Add ties branches), everything that follows them channel by channel ({@code followers}:
 * BatchNorm parameters, per-channel constants, depthwise convolutions) and the weights that read them
 * ({@code consumers}). Removing channel {@code c} removes it from every one of these at once.
 * <p>
 * A group with blockers is left alone: pruning it would change something the analysis cannot edit
 * (the model's input or output, a node that mixes channels, an op it does not know).
 * <p>
 * A group describes the graph as it was analysed: once channels are removed (from this group, or from
 * another one that shifts Concat offsets) analyse again before reading slices. {@link ChannelRemoval}
 * does that itself, so groups from one analysis can be removed one after another.
 */
public final class ChannelGroup {
    private final int id;
    private final int channels;
    private final List<ProducerSlice> producers;
    private final List<TensorSlice> followers;
    private final List<TensorSlice> consumers;
    private final List<CountEdit> countEdits;
    private final List<String> values;
    private final List<Blocker> blockers;

    ChannelGroup(int id, int channels, List<ProducerSlice> producers, List<TensorSlice> followers,
                 List<TensorSlice> consumers, List<CountEdit> countEdits, List<String> values, List<Blocker> blockers) {
        this.id = id;
        this.channels = channels;
        this.producers = List.copyOf(producers);
        this.followers = List.copyOf(followers);
        this.consumers = List.copyOf(consumers);
        this.countEdits = List.copyOf(countEdits);
        this.values = List.copyOf(values);
        this.blockers = List.copyOf(blockers);
    }

    public int id() {
        return id;
    }

    /** How many channels the group has now (every producer has this many output channels). */
    public int channels() {
        return channels;
    }

    public boolean isPrunable() {
        return blockers.isEmpty();
    }

    public List<ProducerSlice> producers() {
        return producers;
    }

    public List<String> producerNames() {
        return producers.stream().map(ProducerSlice::node).toList();
    }

    /** Constants sliced with the producers: BatchNorm parameters, per-channel Mul/Add/PRelu constants, depthwise weights. */
    public List<TensorSlice> followers() {
        return followers;
    }

    /** The weights that read the group's channels (Conv input channels, Gemm/MatMul input rows). */
    public List<TensorSlice> consumers() {
        return consumers;
    }

    public List<CountEdit> countEdits() {
        return countEdits;
    }

    /** The values whose channel axis carries these channels. */
    public List<String> values() {
        return values;
    }

    public List<Blocker> blockers() {
        return blockers;
    }

    /** The γ of every BatchNormalization that normalises these channels (for bn-scale importance). */
    public List<TensorSlice> batchNormScales() {
        return followers.stream().filter(s -> s.opType().equals("BatchNormalization") && s.input() == 1).toList();
    }

    /** Each producer's per-channel weights as the graph holds them now, by producer name. */
    public Map<String, float[][]> producerWeights(Graph g) {
        Map<String, float[][]> out = new LinkedHashMap<>();
        for (ProducerSlice p : producers) {
            out.put(p.node(), p.channelWeights(g, channels));
        }
        return out;
    }

    /** One line for reports, e.g. "group 3: 16 channels, producers [conv1], 1 consumer" or why it is left alone. */
    public String describe() {
        String head = "group " + id + ": " + channels + " channels, producers " + producerNames();
        if (!isPrunable()) {
            return head + ", " + blockers.stream().map(Blocker::describe).collect(Collectors.joining("; "));
        }
        return head + ", " + followers.size() + " follower slice(s), " + consumers.size() + " consumer slice(s)";
    }

    @Override
    public String toString() {
        return describe();
    }
}

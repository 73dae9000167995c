package org.compresslab.compress.prune;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.compresslab.graph.Graph;

/**
 * The channel groups of a graph: which output channels of which layers must be pruned together, and
 * which groups are left alone and why. Patterns followed: Conv→BatchNorm→activation→Conv, residual Add
 * (all branches and the shortcut in one group), Concat (each input at its offset), depthwise convolutions
 * (input and output channels tied), Flatten→Gemm (a channel is H×W inputs), pooling, per-channel
 * Mul/Add/PRelu constants. The analysis reads the graph and changes nothing.
 */
public final class ChannelDependencies {
    private final List<ChannelGroup> groups;

    private ChannelDependencies(List<ChannelGroup> groups) {
        this.groups = List.copyOf(groups);
    }

    public static ChannelDependencies analyse(Graph g) {
        return new ChannelDependencies(ChannelFlow.analyse(g).groups());
    }

    /** Every group that has a producer, prunable or not, in graph order of its first producer. */
    public List<ChannelGroup> groups() {
        return groups;
    }

    public List<ChannelGroup> prunableGroups() {
        return groups.stream().filter(ChannelGroup::isPrunable).toList();
    }

    public List<ChannelGroup> blockedGroups() {
        return groups.stream().filter(g -> !g.isPrunable()).toList();
    }

    /** The group whose channels the named layer produces. */
    public Optional<ChannelGroup> groupOfProducer(String nodeName) {
        return groups.stream().filter(g -> g.producerNames().contains(nodeName)).findFirst();
    }

    /**
     * The group of this analysis made by the same producers as {@code other}, which may come from an
     * earlier analysis of this graph or of a copy of it (node positions identify the producers).
     */
    Optional<ChannelGroup> sameGroupAs(ChannelGroup other) {
        Set<Integer> wanted = producerIndices(other);
        return groups.stream().filter(g -> producerIndices(g).equals(wanted)).findFirst();
    }

    private static Set<Integer> producerIndices(ChannelGroup g) {
        return g.producers().stream().map(ProducerSlice::nodeIndex).collect(Collectors.toSet());
    }

    /** A few lines for logs and reports: counts, then one line per group. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(groups.size()).append(" channel groups, ").append(prunableGroups().size()).append(" prunable, ")
                .append(blockedGroups().size()).append(" left alone");
        groups.forEach(g -> sb.append('\n').append("  ").append(g.describe()));
        return sb.toString();
    }

    @Override
    public String toString() {
        return summary();
    }
}

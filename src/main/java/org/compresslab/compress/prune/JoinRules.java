package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Ops that join several inputs. Elementwise ops tie inputs that carry the same channels into one group
 * (a residual Add ties every branch and the shortcut); Concat along the channel axis puts each input's
 * channels after the previous ones, so each keeps its own group at its own offset.
 */
final class JoinRules {
    private JoinRules() {
    }

    /**
     * Add, Mul, PRelu …: inputs with the full channel count are tied channel by channel; a constant with
     * one value per channel is sliced with them; inputs broadcast along channels (scalars, [N,1,H,W]) are
     * left as they are.
     */
    static void elementwise(ChannelFlow f) {
        Node node = f.node();
        f.handleAll();
        int rank = 0;
        for (int i = 0; i < node.inputs().size(); i++) {
            rank = Math.max(rank, rankOf(f, i));
        }
        if (rank < 2) {
            return; // no channel axis (e.g. shape arithmetic)
        }
        long extent = 1;
        for (int i = 0; i < node.inputs().size(); i++) {
            long c = channelDim(f, i, rank);
            if (c < 0) {
                f.unknown("the shapes of its inputs are unknown");
                return;
            }
            extent = Math.max(extent, c);
        }
        ChannelLayout out = null;
        List<Integer> computed = new ArrayList<>();
        for (int i = 0; i < node.inputs().size(); i++) {
            ChannelLayout l = f.layout(i);
            if (l != null && l.rank() != rank) {
                if (l.extent() != 1) {
                    f.block(l, node.opType() + " broadcasts these channels along another axis");
                }
            } else if (l != null && l.extent() == extent) {
                if (out == null) {
                    out = l;
                } else if (out.sameStructure(l)) {
                    f.tie(out, l);
                } else {
                    String reason = node.opType() + " combines channels from differently concatenated parts";
                    f.block(out, reason);
                    f.block(l, reason);
                }
            } else if (l == null && !f.isConstant(i) && node.hasInput(i) && channelDim(f, i, rank) == extent && extent > 1) {
                computed.add(i);
            }
        }
        if (out == null) {
            if (extent > 1 && hasAnyLayout(f)) {
                f.setOutput(0, f.opaque((int) extent, rank, "its channels come from a constant or computed tensor"));
            }
            return;
        }
        if (!computed.isEmpty()) {
            f.block(out, node.opType() + " combines these channels with a computed tensor the analysis cannot slice");
        }
        for (int i = 0; i < node.inputs().size(); i++) {
            Tensor t = f.constant(i);
            if (t != null && extent > 1 && channelDim(f, i, rank) == extent) {
                f.follow(out, i, t.rank() - rank + 1);
            }
        }
        f.setOutput(0, out);
    }

    static void concat(ChannelFlow f) {
        Node node = f.node();
        f.handleAll();
        int rank = -1;
        for (int i = 0; i < node.inputs().size() && rank < 0; i++) {
            if (f.layout(i) != null) {
                rank = f.layout(i).rank();
            }
        }
        if (rank < 2) {
            return;
        }
        long axis = node.intAttr("axis", 1);
        axis = axis < 0 ? axis + rank : axis;
        if (axis == 1) {
            List<ChannelLayout> parts = new ArrayList<>();
            for (int i = 0; i < node.inputs().size(); i++) {
                ChannelLayout l = f.layout(i);
                if (l == null || l.rank() != rank) {
                    long c = channelDim(f, i, rank);
                    l = f.opaque((int) c, rank, "Concat joins these channels with a constant or computed part");
                }
                if (l.extent() < 0) {
                    // the offsets of the parts after it would be unknown
                    f.unknown("the size of a Concat input is unknown");
                    return;
                }
                parts.add(l);
            }
            f.setOutput(0, ChannelLayout.concat(parts, rank));
            return;
        }
        ChannelLayout first = null;
        for (int i = 0; i < node.inputs().size(); i++) {
            ChannelLayout l = f.layout(i);
            if (l == null) {
                if (first != null) {
                    f.block(first, "Concat joins these channels with a constant or computed part");
                }
                continue;
            }
            if (first == null) {
                first = l;
            } else if (first.sameStructure(l)) {
                f.tie(first, l);
            } else {
                f.block(first, "Concat joins differently made channels along axis " + axis);
                f.block(l, "Concat joins differently made channels along axis " + axis);
            }
        }
        f.setOutput(0, first);
    }

    private static boolean hasAnyLayout(ChannelFlow f) {
        Node node = f.node();
        for (int i = 0; i < node.inputs().size(); i++) {
            if (f.layout(i) != null) {
                return true;
            }
        }
        return false;
    }

    private static int rankOf(ChannelFlow f, int i) {
        Node node = f.node();
        if (!node.hasInput(i)) {
            return 0;
        }
        ChannelLayout l = f.layout(i);
        if (l != null) {
            return l.rank();
        }
        Tensor t = f.constant(i);
        if (t != null) {
            return t.rank();
        }
        long[] d = f.dims(node.input(i));
        return d == null ? 0 : d.length;
    }

    /**
     * The size input {@code i} has along the output's channel axis once broadcast to {@code rank}
     * (1 when it does not reach that axis), or -1 when unknown.
     */
    static long channelDim(ChannelFlow f, int i, int rank) {
        Node node = f.node();
        if (!node.hasInput(i)) {
            return 1;
        }
        ChannelLayout l = f.layout(i);
        if (l != null && l.rank() == rank) {
            return l.extent();
        }
        Tensor t = f.constant(i);
        long[] d = t != null ? t.dims() : f.dims(node.input(i));
        if (d == null) {
            return -1;
        }
        int axis = d.length - rank + 1;
        return axis < 0 ? 1 : d[axis];
    }
}

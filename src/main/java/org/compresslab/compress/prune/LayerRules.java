package org.compresslab.compress.prune;

import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Weighted layers: they read channels through a weight axis (consumers) and make new ones (producers).
 * A depthwise convolution is the exception: each output channel is its input channel filtered, so it
 * passes the group through and shrinks with it.
 */
final class LayerRules {
    private LayerRules() {
    }

    static void conv(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        Tensor w = f.constant(1);
        if (w == null || w.rank() < 3) {
            f.unknown("its weights are computed, not constants");
            return;
        }
        if (n.hasInput(2) && f.constant(2) == null) {
            f.unknown("its bias is computed, not a constant");
            return;
        }
        ChannelLayout in = f.layout(0);
        long group = n.intAttr("group", 1);
        int bias = n.hasInput(2) ? 2 : -1;
        if (group == 1) {
            if (in != null) {
                f.consume(in, 1, 1);
            }
            f.produce(0, (int) w.dim(0), w.rank(), 1, 0, bias, 0);
        } else if (in != null && w.dim(1) == 1 && w.dim(0) == group && in.extent() == group) {
            f.follow(in, 1, 0);
            if (bias >= 0) {
                f.follow(in, 2, 0);
            }
            f.countEdit(in, CountEdit.Kind.GROUP_ATTRIBUTE, 0);
            f.setOutput(0, in);
        } else {
            // removing channels of a grouped convolution would have to keep every group the same size
            String reason = "grouped convolution (group=" + group + ") ties channels in groups";
            if (in != null) {
                f.block(in, reason);
            }
            f.block(f.produce(0, (int) w.dim(0), w.rank(), 1, 0, bias, 0), reason);
        }
    }

    static void convTranspose(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        Tensor w = f.constant(1);
        if (w == null || w.rank() < 3 || (n.hasInput(2) && f.constant(2) == null)) {
            f.unknown("its weights are computed, not constants");
            return;
        }
        ChannelLayout in = f.layout(0);
        long group = n.intAttr("group", 1);
        int bias = n.hasInput(2) ? 2 : -1;
        if (group != 1) {
            f.unknown("grouped transposed convolution (group=" + group + ") ties channels in groups");
            return;
        }
        // ConvTranspose weights are [in, out, k…]: the axes are the other way round from Conv
        if (in != null) {
            f.consume(in, 1, 0);
        }
        f.produce(0, (int) w.dim(1), w.rank(), 1, 1, bias, 0);
    }

    static void gemm(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        if (n.intAttr("transA", 0) != 0) {
            f.unknown("Gemm with transA reads channels along its first axis");
            return;
        }
        Tensor w = f.constant(1);
        if (w == null || w.rank() != 2) {
            f.unknown("its weights are computed, not constants");
            return;
        }
        boolean transB = n.intAttr("transB", 0) != 0;
        int units = (int) w.dim(transB ? 0 : 1);
        ChannelLayout in = f.layout(0);
        if (in != null) {
            f.consume(in, 1, transB ? 1 : 0);
        }
        int biasAxis = -1;
        boolean computedBias = false;
        if (n.hasInput(2)) {
            Tensor c = f.constant(2);
            if (c == null) {
                computedBias = true;
            } else if (c.rank() >= 1 && c.dim(c.rank() - 1) == units) {
                biasAxis = c.rank() - 1;
            }
        }
        ChannelLayout out = f.produce(0, units, 2, 1, transB ? 0 : 1, biasAxis < 0 ? -1 : 2, biasAxis);
        if (computedBias) {
            f.block(out, "its bias is computed, not a constant");
        }
    }

    /** MatMul by a constant [in, out] matrix is a Gemm without bias; anything else is not followed. */
    static void matMul(ChannelFlow f) {
        f.handleAll();
        Tensor w = f.constant(1);
        ChannelLayout in = f.layout(0);
        if (w == null || f.isConstant(0)) {
            f.unknown("MatMul of two computed tensors mixes channels");
            return;
        }
        if (w.rank() != 2 || in == null || in.rank() != 2) {
            f.unknown("MatMul on tensors of rank " + (in == null ? "?" : in.rank())
                    + " contracts the last axis, not the channel axis");
            return;
        }
        f.consume(in, 1, 0);
        f.produce(0, (int) w.dim(1), 2, 1, 1, -1, 0);
    }
}

package org.compresslab.compress.prune;

import java.util.Set;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * Ops that reshape, move or reduce axes. Each passes the channels through when it leaves axis 1 as it
 * is (or, for Flatten and flatten-like Reshapes, folds the spatial axes into it: every channel then
 * spans H×W positions); otherwise the channels are blocked with the reason.
 */
final class AxisRules {
    private static final Set<String> REDUCE = Set.of("ReduceMean", "ReduceMax", "ReduceMin", "ReduceSum",
            "ReduceProd", "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceSumSquare");

    private AxisRules() {
    }

    /** Applies the rule for the current node; false when the op is not one of these. */
    static boolean visit(ChannelFlow f) {
        String op = f.node().opType();
        switch (op) {
            case "Flatten" -> flatten(f);
            case "Reshape" -> reshape(f);
            case "Transpose" -> transpose(f);
            case "Squeeze", "Unsqueeze" -> squeeze(f, op.equals("Unsqueeze"));
            case "Slice" -> slice(f);
            case "Pad" -> pad(f);
            case "Resize", "Upsample" -> resize(f);
            case "Softmax", "LogSoftmax", "Hardmax" -> softmax(f);
            case "LayerNormalization" -> layerNorm(f);
            default -> {
                if (!REDUCE.contains(op)) {
                    return false;
                }
                reduce(f);
            }
        }
        return true;
    }

    private static void flatten(ChannelFlow f) {
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long axis = f.node().intAttr("axis", 1);
        axis = axis < 0 ? axis + in.rank() : axis;
        long[] dims = f.dims(f.node().input(0));
        if (axis != 1) {
            f.unknown("Flatten at axis " + axis + " mixes channels with other axes");
        } else if (dims == null) {
            f.unknown("the shape it flattens is unknown");
        } else {
            f.setOutput(0, in.scaled(product(dims, 2)).withRank(2));
        }
    }

    /**
     * A Reshape is followed when it keeps the batch axis and each channel stays a whole number of
     * positions on the new axis 1 (e.g. [N,C,H,W]→[N,C·H·W] or [N,C,H·W]); a channel shuffle
     * ([N,C,H,W]→[N,g,C/g,H,W]) mixes channels and blocks.
     */
    private static void reshape(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        String mixes = "Reshape mixes channels";
        long[] inDims = f.dims(n.input(0));
        long[] outDims = f.dims(n.output(0));
        if (inDims == null || outDims == null || inDims.length < 2 || outDims.length < 2 || inDims[0] != outDims[0]) {
            f.unknown(mixes);
            return;
        }
        long innerIn = product(inDims, 2);
        long innerOut = product(outDims, 2);
        ChannelLayout out = in.scaled(innerIn).divided(innerOut);
        if (out == null) {
            f.unknown(mixes);
            return;
        }
        out = out.withRank(outDims.length);
        Tensor target = f.constant(1);
        long[] shape = target != null ? target.toLongs() : f.folded(n.input(1));
        if (shape == null || shape.length < 2) {
            f.unknown("Reshape's target shape is unknown");
            return;
        }
        boolean copiesDim = shape[1] == 0 && n.intAttr("allowzero", 0) == 0;
        if (copiesDim && innerIn != innerOut) {
            f.unknown(mixes);
            return;
        }
        if (!copiesDim && shape[1] != -1) {
            if (target == null) {
                f.unknown("Reshape's computed target shape fixes the channel count");
                return;
            }
            f.countEdit(out, CountEdit.Kind.RESHAPE_TARGET, 1);
        }
        f.setOutput(0, out);
    }

    private static void transpose(ChannelFlow f) {
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long[] perm = f.node().intsAttr("perm"); // absent: the axes reversed, which moves the channels
        if (perm != null && perm.length >= 2 && perm[0] == 0 && perm[1] == 1) {
            f.setOutput(0, in);
        } else {
            f.unknown("Transpose moves the channel axis");
        }
    }

    private static void squeeze(ChannelFlow f, boolean unsqueeze) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long[] axes = axes(f, 13);
        String op = n.opType();
        if (axes == null && !unsqueeze) {
            long[] dims = f.dims(n.input(0));
            axes = dims == null ? null : onesOf(dims);
        }
        int rank = unsqueeze ? in.rank() + (axes == null ? 0 : axes.length) : in.rank();
        if (axes == null || !allFrom(axes, rank, 2)) {
            f.unknown(op + " touches the batch or channel axis");
            return;
        }
        f.setOutput(0, in.withRank(unsqueeze ? rank : rank - axes.length));
    }

    private static void slice(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long[] axes;
        if (f.graph().opsetVersion() < 10) {
            axes = n.intsAttr("axes");
            if (axes == null) {
                long[] starts = n.intsAttr("starts");
                axes = starts == null ? null : range(starts.length);
            }
        } else {
            axes = Constants.longs(f.graph(), n, 3);
            if (axes == null && !n.hasInput(3)) {
                long[] starts = f.dims(n.input(1));
                axes = starts == null || starts.length != 1 ? null : range((int) starts[0]);
            }
        }
        if (axes == null || contains(normalised(axes, in.rank()), 1)) {
            f.unknown("Slice cuts the channel axis");
            return;
        }
        f.setOutput(0, in);
    }

    private static void pad(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long[] pads = f.graph().opsetVersion() < 11 ? n.intsAttr("pads") : Constants.longs(f.graph(), n, 1);
        long[] axes = n.hasInput(3) ? Constants.longs(f.graph(), n, 3) : range(in.rank());
        boolean channelPadded = pads == null || axes == null || pads.length != 2 * axes.length;
        if (!channelPadded) {
            long[] norm = normalised(axes, in.rank());
            for (int i = 0; i < norm.length; i++) {
                if (norm[i] == 1 && (pads[i] != 0 || pads[i + norm.length] != 0)) {
                    channelPadded = true;
                }
            }
        }
        if (channelPadded) {
            f.unknown("Pad adds channels");
            return;
        }
        f.setOutput(0, in);
    }

    private static void resize(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        boolean resize = n.opType().equals("Resize");
        if (resize && n.hasInput(3)) {
            f.unknown("Resize to fixed sizes fixes the channel count");
            return;
        }
        int scalesInput = resize && f.graph().opsetVersion() >= 11 ? 2 : 1;
        Tensor scales = f.constant(scalesInput);
        float[] s = scales != null ? scales.toFloats() : n.attribute("scales").map(a -> a.asFloats()).orElse(null);
        if (s == null || s.length < 2 || s[1] != 1f) {
            f.unknown(n.opType() + " scales the channel axis");
            return;
        }
        f.setOutput(0, in);
    }

    private static void softmax(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        boolean modern = f.graph().opsetVersion() >= 13;
        long axis = n.intAttr("axis", modern ? -1 : 1);
        axis = axis < 0 ? axis + in.rank() : axis;
        // before opset 13 the op normalises over every axis from `axis` on
        boolean mixes = modern ? axis == 1 : axis <= 1;
        if (mixes) {
            f.unknown(n.opType() + " normalises across channels");
            return;
        }
        f.setOutput(0, in);
    }

    private static void layerNorm(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long axis = n.intAttr("axis", -1);
        axis = axis < 0 ? axis + in.rank() : axis;
        if (axis <= 1 || n.outputs().size() > 1 && n.outputs().subList(1, n.outputs().size()).stream().anyMatch(o -> !o.isEmpty())) {
            f.unknown("LayerNormalization normalises across channels");
            return;
        }
        f.setOutput(0, in);
    }

    private static void reduce(ChannelFlow f) {
        Node n = f.node();
        f.handleAll();
        ChannelLayout in = f.layout(0);
        if (in == null) {
            return;
        }
        long[] axes = axes(f, n.opType().equals("ReduceSum") ? 13 : 18);
        if (axes == null || !allFrom(axes, in.rank(), 2)) {
            f.unknown(n.opType() + " reduces over channels");
            return;
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        f.setOutput(0, in.withRank(keep ? in.rank() : in.rank() - axes.length));
    }

    /** The axes of Squeeze/Unsqueeze/Reduce*: an attribute before {@code inputSince}, input 1 from then on. */
    private static long[] axes(ChannelFlow f, long inputSince) {
        Node n = f.node();
        return f.graph().opsetVersion() < inputSince ? n.intsAttr("axes") : Constants.longs(f.graph(), n, 1);
    }

    private static boolean allFrom(long[] axes, int rank, int first) {
        for (long a : normalised(axes, rank)) {
            if (a < first) {
                return false;
            }
        }
        return true;
    }

    private static long[] normalised(long[] axes, int rank) {
        long[] out = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axes[i] < 0 ? axes[i] + rank : axes[i];
        }
        return out;
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static long[] onesOf(long[] dims) {
        return java.util.stream.IntStream.range(0, dims.length).filter(i -> dims[i] == 1).asLongStream().toArray();
    }

    private static long[] range(int n) {
        return java.util.stream.LongStream.range(0, n).toArray();
    }

    static long product(long[] dims, int from) {
        long p = 1;
        for (int i = from; i < dims.length; i++) {
            p *= dims[i];
        }
        return p;
    }
}

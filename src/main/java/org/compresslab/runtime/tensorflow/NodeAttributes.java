package org.compresslab.runtime.tensorflow;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.NodeDef;

/** Reading a TensorFlow node's attributes, and the checks the translators share. */
final class NodeAttributes {
    private NodeAttributes() {
    }

    static AttrValue attr(NodeDef n, String name) {
        return n.getAttrMap().get(name);
    }

    /** A boolean attribute, false when absent. */
    static boolean flag(NodeDef n, String name) {
        AttrValue a = attr(n, name);
        return a != null && a.getB();
    }

    static long[] ints(NodeDef n, String name) {
        return attr(n, name).getList().getIList().stream().mapToLong(Long::longValue).toArray();
    }

    /** The H and W entries of an NHWC [1, h, w, 1] attribute. */
    static long[] spatial(NodeDef n, String name, long fallback) {
        AttrValue a = attr(n, name);
        if (a == null || a.getList().getICount() == 0) {
            return new long[] {fallback, fallback};
        }
        List<Long> v = a.getList().getIList();
        if (v.size() != 4 || v.get(0) != 1 || v.get(3) != 1) {
            throw new SavedModelException("the node '" + n.getName() + "' has " + name + " " + v
                    + " across the batch or channels, which ONNX cannot express");
        }
        return new long[] {v.get(1), v.get(2)};
    }

    /**
     * The node's 'padding' as ONNX pads [top, left, bottom, right] for a window of {@code kernel} over an
     * NHWC input of static shape {@code inputShape} (null when unknown).
     */
    static long[] pads(NodeDef n, long[] inputShape, long[] kernel, long[] strides, long[] dilations) {
        String padding = attr(n, "padding").getS().toStringUtf8();
        switch (padding) {
            case "VALID" -> {
                return new long[] {0, 0, 0, 0};
            }
            case "SAME" -> {
                if (inputShape == null || inputShape[1] < 0 || inputShape[2] < 0) {
                    throw new SavedModelException("the node '" + n.getName() + "' pads 'SAME' an input of unknown"
                            + " height or width; CompressLab needs a fixed input size");
                }
                long[] h = NhwcToNchw.samePads(inputShape[1], kernel[0], strides[0], dilations[0]);
                long[] w = NhwcToNchw.samePads(inputShape[2], kernel[1], strides[1], dilations[1]);
                return new long[] {h[0], w[0], h[1], w[1]};
            }
            case "EXPLICIT" -> {
                long[] e = ints(n, "explicit_paddings");
                return new long[] {e[2], e[4], e[3], e[5]};
            }
            default -> throw new SavedModelException("the node '" + n.getName() + "' uses padding '" + padding + "'");
        }
    }

    static void requireNhwc(NodeDef n) {
        AttrValue f = attr(n, "data_format");
        if (f != null && !f.getS().toStringUtf8().equals("NHWC") && !f.getS().isEmpty()) {
            throw new SavedModelException("the node '" + n.getName() + "' (" + n.getOp() + ") uses the data format "
                    + f.getS().toStringUtf8() + "; the importer converts channels-last (NHWC) models");
        }
    }

    static void requireRank(NodeDef n, ConvertedValue v, int rank) {
        if (v.rank() != rank) {
            throw new SavedModelException("the node '" + n.getName() + "' (" + n.getOp() + ") reads a rank-" + v.rank()
                    + " tensor where the importer expects rank " + rank);
        }
    }

    /** Axes with negative ones counted from the end. */
    static long[] normalized(long[] axes, int rank) {
        return Arrays.stream(axes).map(a -> a < 0 ? a + rank : a).toArray();
    }

    static long[] sortedCopy(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s;
    }
}

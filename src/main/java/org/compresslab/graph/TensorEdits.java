package org.compresslab.graph;

import java.util.Arrays;

/** Element-level edits of tensors that several techniques share (channel removal, reshaping). */
public final class TensorEdits {
    private TensorEdits() {
    }

    /**
     * The tensor with only the given indices kept along {@code axis} (in the given order), e.g. the
     * surviving output channels of a convolution weight (axis 0) or of its consumer (axis 1).
     */
    public static Tensor keepIndices(Tensor t, int axis, int[] keep) {
        long[] dims = t.dims();
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " out of range for " + t);
        }
        for (int k : keep) {
            if (k < 0 || k >= dims[axis]) {
                throw new IllegalArgumentException("index " + k + " out of range for axis " + axis + " of " + t);
            }
        }
        int elem = t.type().byteSize();
        long outer = OpShapeRules.product(dims, 0, axis);
        long inner = OpShapeRules.product(dims, axis + 1, dims.length) * elem;
        byte[] src = t.rawData();
        byte[] dst = new byte[Math.toIntExact(outer * keep.length * inner)];
        int pos = 0;
        for (long o = 0; o < outer; o++) {
            long base = o * dims[axis] * inner;
            for (int k : keep) {
                System.arraycopy(src, (int) (base + k * inner), dst, pos, (int) inner);
                pos += (int) inner;
            }
        }
        long[] newDims = dims.clone();
        newDims[axis] = keep.length;
        return new Tensor(t.name(), t.type(), newDims, dst);
    }

    /** The tensor with the given indices removed along {@code axis}. */
    public static Tensor dropIndices(Tensor t, int axis, int[] drop) {
        boolean[] dropped = new boolean[Math.toIntExact(t.dim(axis))];
        for (int d : drop) {
            if (d < 0 || d >= dropped.length) {
                throw new IllegalArgumentException("index " + d + " out of range for axis " + axis + " of " + t);
            }
            dropped[d] = true;
        }
        int[] keep = new int[dropped.length - (int) Arrays.stream(drop).distinct().count()];
        int j = 0;
        for (int i = 0; i < dropped.length; i++) {
            if (!dropped[i]) {
                keep[j++] = i;
            }
        }
        return keepIndices(t, axis, keep);
    }

    /** Same elements, new dimensions (element count must match). */
    public static Tensor reshape(Tensor t, long... dims) {
        return new Tensor(t.name(), t.type(), dims, t.rawData());
    }
}

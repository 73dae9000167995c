package org.compresslab.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-op shape (and small-constant) rules used by {@link ShapeInference}. Each rule returns the
 * outputs' inferred values, or null when an input it needs is unknown or the op is not in the set.
 */
final class OpShapeRules {
    private OpShapeRules() {
    }

    static InferredValue[] apply(Node n, InferredValue[] in, long opset) {
        if (!OpSet.isSupported(n)) {
            return null;
        }
        if (n.opType().equals("Constant")) {
            return one(constant(n));
        }
        if (in.length == 0 || in[0] == null || !in[0].hasShape()) {
            return null;
        }
        InferredValue x = in[0];
        return switch (n.opType()) {
            case "Relu", "LeakyRelu", "Clip", "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Erf", "Gelu",
                    "Sqrt", "Softmax" -> one(InferredValue.of(x.type(), x.dims()));
            case "Identity" -> one(x);
            case "Dropout" -> new InferredValue[] {x, InferredValue.of(DataType.BOOL, x.dims())};
            case "BatchNormalization" -> one(InferredValue.of(x.type(), x.dims()));
            case "LayerNormalization" -> layerNorm(n, x);
            case "Cast" -> one(cast(n, x));
            case "Add", "Sub", "Mul", "Div", "Pow" -> one(binary(n.opType(), in));
            case "Conv" -> one(conv(n, x, in[1]));
            case "MaxPool", "AveragePool" -> pool(n, x);
            case "GlobalAveragePool" -> one(InferredValue.of(x.type(), globalPooled(x.dims())));
            case "Flatten" -> one(flatten(n, x));
            case "Reshape" -> one(reshape(n, x, in[1]));
            case "Transpose" -> one(transpose(n, x));
            case "Squeeze" -> one(squeeze(n, in, opset));
            case "Unsqueeze" -> one(unsqueeze(n, in, opset));
            case "Concat" -> one(concat(n, in));
            case "Split" -> split(n, in, opset);
            case "Slice" -> one(slice(n, in, opset));
            case "Gemm" -> one(gemm(n, x, in[1]));
            case "MatMul" -> one(matmul(x, in[1]));
            case "Pad" -> one(pad(n, in, opset));
            case "ReduceMean" -> one(reduceMean(n, in, opset));
            case "Shape" -> one(shapeOf(n, x));
            case "Gather" -> one(gather(n, x, in[1]));
            case "QuantizeLinear" -> one(InferredValue.of(
                    in.length > 2 && in[2] != null ? in[2].type() : DataType.UINT8, x.dims()));
            case "DequantizeLinear" -> one(InferredValue.of(
                    in.length > 1 && in[1] != null ? in[1].type() : DataType.FLOAT, x.dims()));
            default -> null;
        };
    }

    private static InferredValue[] one(InferredValue v) {
        return v == null ? null : new InferredValue[] {v};
    }

    private static InferredValue constant(Node n) {
        if (n.attribute("value").isPresent()) {
            return ShapeInference.fromTensor(n.attribute("value").get().asTensor());
        }
        if (n.attribute("value_int").isPresent()) {
            return new InferredValue(DataType.INT64, new long[0], new long[] {n.intAttr("value_int", 0)});
        }
        if (n.attribute("value_ints").isPresent()) {
            long[] v = n.intsAttr("value_ints");
            return new InferredValue(DataType.INT64, new long[] {v.length}, v);
        }
        if (n.attribute("value_float").isPresent()) {
            return InferredValue.of(DataType.FLOAT, new long[0]);
        }
        if (n.attribute("value_floats").isPresent()) {
            return InferredValue.of(DataType.FLOAT, new long[] {n.attribute("value_floats").get().asFloats().length});
        }
        return null;
    }

    private static InferredValue cast(Node n, InferredValue x) {
        DataType to = DataType.fromOnnxCode((int) n.intAttr("to", 1));
        boolean keepConstant = x.isConstant() && !to.isFloatingPoint();
        return new InferredValue(to, x.dims(), keepConstant ? x.constant() : null);
    }

    private static InferredValue[] layerNorm(Node n, InferredValue x) {
        int axis = normAxis(n.intAttr("axis", -1), x.rank());
        long[] stat = x.dims().clone();
        for (int i = axis; i < stat.length; i++) {
            stat[i] = 1;
        }
        return new InferredValue[] {InferredValue.of(x.type(), x.dims()), InferredValue.of(DataType.FLOAT, stat),
                InferredValue.of(DataType.FLOAT, stat)};
    }

    static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b)
                        + " do not broadcast");
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    private static InferredValue binary(String op, InferredValue[] in) {
        if (in.length < 2 || in[1] == null || !in[1].hasShape()) {
            return null;
        }
        long[] dims = broadcast(in[0].dims(), in[1].dims());
        long[] constant = null;
        if (in[0].isConstant() && in[1].isConstant() && !op.equals("Pow") && ShapeInference.foldable(dims)) {
            constant = foldBinary(op, in[0], in[1], dims);
        }
        return new InferredValue(in[0].type(), dims, constant);
    }

    private static long[] foldBinary(String op, InferredValue a, InferredValue b, long[] dims) {
        long[] ca = a.constant();
        long[] cb = b.constant();
        int n = (int) product(dims, 0, dims.length);
        // only scalar-with-vector or equal-length folding: that is all shape arithmetic needs
        if (!(ca.length == n || ca.length == 1) || !(cb.length == n || cb.length == 1)) {
            return null;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            long va = ca[ca.length == 1 ? 0 : i];
            long vb = cb[cb.length == 1 ? 0 : i];
            out[i] = switch (op) {
                case "Add" -> va + vb;
                case "Sub" -> va - vb;
                case "Mul" -> va * vb;
                case "Div" -> vb == 0 ? 0 : va / vb;
                default -> 0;
            };
        }
        return out;
    }

    static long product(long[] d, int from, int to) {
        long p = 1;
        for (int i = from; i < to; i++) {
            p *= d[i];
        }
        return p;
    }

    static int normAxis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    private static long[] longsOr(long[] v, long fill, int len) {
        if (v != null) {
            return v;
        }
        long[] out = new long[len];
        Arrays.fill(out, fill);
        return out;
    }

    /**
     * Output size of a sliding window along one spatial axis, with ONNX's pad/auto_pad/ceil rules.
     * Returns {out, padBegin, padEnd}.
     */
    static long windowOutput(long in, long kernel, long stride, long dilation, long padBegin, long padEnd,
                             String autoPad, boolean ceil) {
        long effective = (kernel - 1) * dilation + 1;
        switch (autoPad) {
            case "SAME_UPPER", "SAME_LOWER" -> {
                return (in + stride - 1) / stride;
            }
            case "VALID" -> {
                return (in - effective) / stride + 1;
            }
            default -> {
                long span = in + padBegin + padEnd - effective;
                if (span < 0) {
                    throw new IllegalArgumentException("kernel " + kernel + " is larger than the padded input " + in);
                }
                long out = ceil ? (span + stride - 1) / stride + 1 : span / stride + 1;
                if (ceil && (out - 1) * stride >= in + padBegin) {
                    out--; // the last window must start inside the input or its left padding
                }
                return out;
            }
        }
    }

    private static InferredValue conv(Node n, InferredValue x, InferredValue w) {
        if (w == null || !w.hasShape()) {
            return null;
        }
        long[] xd = x.dims();
        long[] wd = w.dims();
        int spatial = xd.length - 2;
        if (spatial < 1 || wd.length != xd.length) {
            throw new IllegalArgumentException("input " + Arrays.toString(xd) + " and weight " + Arrays.toString(wd)
                    + " ranks do not fit a convolution");
        }
        long group = n.intAttr("group", 1);
        if (xd[1] != wd[1] * group) {
            throw new IllegalArgumentException("input has " + xd[1] + " channels but the weight expects "
                    + wd[1] + " × group " + group);
        }
        long[] kernel = n.intsAttr("kernel_shape");
        if (kernel == null) {
            kernel = Arrays.copyOfRange(wd, 2, wd.length);
        }
        long[] out = new long[xd.length];
        out[0] = xd[0];
        out[1] = wd[0];
        fillSpatial(n, xd, kernel, out, false);
        return InferredValue.of(x.type(), out);
    }

    private static void fillSpatial(Node n, long[] xd, long[] kernel, long[] out, boolean ceil) {
        int spatial = xd.length - 2;
        long[] strides = longsOr(n.intsAttr("strides"), 1, spatial);
        long[] dilations = longsOr(n.intsAttr("dilations"), 1, spatial);
        long[] pads = longsOr(n.intsAttr("pads"), 0, 2 * spatial);
        String autoPad = n.stringAttr("auto_pad", "NOTSET");
        for (int i = 0; i < spatial; i++) {
            out[i + 2] = windowOutput(xd[i + 2], kernel[i], strides[i], dilations[i], pads[i], pads[i + spatial],
                    autoPad, ceil);
        }
    }

    private static InferredValue[] pool(Node n, InferredValue x) {
        long[] kernel = n.intsAttr("kernel_shape");
        if (kernel == null) {
            throw new IllegalArgumentException("pooling without kernel_shape");
        }
        long[] out = x.dims().clone();
        fillSpatial(n, x.dims(), kernel, out, n.intAttr("ceil_mode", 0) != 0);
        return new InferredValue[] {InferredValue.of(x.type(), out), InferredValue.of(DataType.INT64, out)};
    }

    private static long[] globalPooled(long[] d) {
        long[] out = d.clone();
        for (int i = 2; i < out.length; i++) {
            out[i] = 1;
        }
        return out;
    }

    private static InferredValue flatten(Node n, InferredValue x) {
        long[] d = x.dims();
        int axis = (int) n.intAttr("axis", 1);
        if (axis < 0) {
            axis += d.length;
        }
        return InferredValue.of(x.type(), new long[] {product(d, 0, axis), product(d, axis, d.length)});
    }

    private static InferredValue reshape(Node n, InferredValue x, InferredValue shape) {
        if (shape == null || !shape.isConstant()) {
            return null;
        }
        long[] target = shape.constant().clone();
        boolean allowZero = n.intAttr("allowzero", 0) != 0;
        long known = 1;
        int inferAt = -1;
        for (int i = 0; i < target.length; i++) {
            if (target[i] == 0 && !allowZero) {
                target[i] = x.dims()[i];
            }
            if (target[i] == -1) {
                inferAt = i;
            } else {
                known *= target[i];
            }
        }
        long total = product(x.dims(), 0, x.rank());
        if (inferAt >= 0) {
            target[inferAt] = known == 0 ? 0 : total / known;
        } else if (known != total) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x.dims()) + " ("
                    + total + " elements) to " + Arrays.toString(target));
        }
        return new InferredValue(x.type(), target, x.constant());
    }

    private static InferredValue transpose(Node n, InferredValue x) {
        long[] perm = n.intsAttr("perm");
        long[] d = x.dims();
        long[] out = new long[d.length];
        for (int i = 0; i < d.length; i++) {
            out[i] = d[perm == null ? d.length - 1 - i : (int) perm[i]];
        }
        return InferredValue.of(x.type(), out);
    }

    private static long[] axesFrom(Node n, InferredValue[] in, long opset, int inputIndex) {
        if (opset >= 13 || in.length > inputIndex) {
            if (in.length > inputIndex && in[inputIndex] != null) {
                return in[inputIndex].isConstant() ? in[inputIndex].constant() : null;
            }
        }
        long[] attr = n.intsAttr("axes");
        return attr == null ? new long[0] : attr;
    }

    private static InferredValue squeeze(Node n, InferredValue[] in, long opset) {
        long[] d = in[0].dims();
        boolean hasAxesInput = in.length > 1 && !n.input(1).isEmpty();
        long[] axes = hasAxesInput ? (in[1] != null && in[1].isConstant() ? in[1].constant() : null)
                : (n.intsAttr("axes") == null ? new long[0] : n.intsAttr("axes"));
        if (axes == null) {
            return null;
        }
        boolean[] drop = new boolean[d.length];
        if (axes.length == 0) {
            for (int i = 0; i < d.length; i++) {
                drop[i] = d[i] == 1;
            }
        } else {
            for (long a : axes) {
                drop[normAxis(a, d.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (!drop[i]) {
                out.add(d[i]);
            }
        }
        return new InferredValue(in[0].type(), toArray(out), in[0].constant());
    }

    private static InferredValue unsqueeze(Node n, InferredValue[] in, long opset) {
        long[] d = in[0].dims();
        boolean hasAxesInput = in.length > 1 && !n.input(1).isEmpty();
        long[] axes = hasAxesInput ? (in[1] != null && in[1].isConstant() ? in[1].constant() : null)
                : n.intsAttr("axes");
        if (axes == null) {
            return null;
        }
        int rank = d.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (long a : axes) {
            inserted[normAxis(a, rank)] = true;
        }
        long[] out = new long[rank];
        int j = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : d[j++];
        }
        return new InferredValue(in[0].type(), out, in[0].constant());
    }

    private static InferredValue concat(Node n, InferredValue[] in) {
        for (InferredValue v : in) {
            if (v == null || !v.hasShape()) {
                return null;
            }
        }
        int rank = in[0].rank();
        int axis = normAxis(n.intAttr("axis", 0), rank);
        long[] out = in[0].dims().clone();
        out[axis] = 0;
        boolean allConstant = true;
        List<Long> constant = new ArrayList<>();
        for (InferredValue v : in) {
            if (v.rank() != rank) {
                throw new IllegalArgumentException("Concat inputs have different ranks");
            }
            for (int i = 0; i < rank; i++) {
                if (i != axis && v.dims()[i] != out[i]) {
                    throw new IllegalArgumentException("Concat inputs differ in dimension " + i + ": "
                            + Arrays.toString(in[0].dims()) + " vs " + Arrays.toString(v.dims()));
                }
            }
            out[axis] += v.dims()[axis];
            if (v.isConstant() && rank == 1) {
                for (long c : v.constant()) {
                    constant.add(c);
                }
            } else {
                allConstant = false;
            }
        }
        return new InferredValue(in[0].type(), out, allConstant ? toArray(constant) : null);
    }

    private static InferredValue[] split(Node n, InferredValue[] in, long opset) {
        long[] d = in[0].dims();
        int axis = normAxis(n.intAttr("axis", 0), d.length);
        int outputs = n.outputs().size();
        long[] sizes;
        if (in.length > 1 && !n.input(1).isEmpty()) {
            if (in[1] == null || !in[1].isConstant()) {
                return null;
            }
            sizes = in[1].constant();
        } else if (n.intsAttr("split") != null) {
            sizes = n.intsAttr("split");
        } else {
            long parts = n.intAttr("num_outputs", outputs);
            long chunk = (d[axis] + parts - 1) / parts;
            sizes = new long[outputs];
            long left = d[axis];
            for (int i = 0; i < outputs; i++) {
                sizes[i] = Math.min(chunk, left);
                left -= sizes[i];
            }
        }
        InferredValue[] outs = new InferredValue[outputs];
        for (int i = 0; i < outputs; i++) {
            long[] o = d.clone();
            o[axis] = sizes[i];
            outs[i] = InferredValue.of(in[0].type(), o);
        }
        return outs;
    }

    private static InferredValue slice(Node n, InferredValue[] in, long opset) {
        long[] d = in[0].dims();
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps;
        if (opset >= 10 || in.length > 1) {
            if (in.length < 3 || in[1] == null || in[2] == null || !in[1].isConstant() || !in[2].isConstant()) {
                return null;
            }
            starts = in[1].constant();
            ends = in[2].constant();
            axes = in.length > 3 && in[3] != null ? in[3].constant() : null;
            steps = in.length > 4 && in[4] != null ? in[4].constant() : null;
            if ((n.hasInput(3) && axes == null) || (n.hasInput(4) && steps == null)) {
                return null; // given but not known: the defaults would be a wrong guess
            }
        } else {
            starts = n.intsAttr("starts");
            ends = n.intsAttr("ends");
            axes = n.intsAttr("axes");
            steps = null;
        }
        long[] out = d.clone();
        long[] constant = in[0].isConstant() && d.length == 1 ? in[0].constant() : null;
        List<Long> sliced = null;
        for (int i = 0; i < starts.length; i++) {
            int axis = normAxis(axes == null ? i : axes[i], d.length);
            long step = steps == null ? 1 : steps[i];
            long dim = d[axis];
            long s = clampIndex(starts[i], dim, 0, step > 0 ? dim : dim - 1);
            long e = clampIndex(ends[i], dim, step > 0 ? 0 : -1, step > 0 ? dim : dim - 1);
            long count = dim == 0 ? 0
                    : step > 0 ? Math.max(0, (e - s + step - 1) / step) : Math.max(0, (s - e - step - 1) / -step);
            out[axis] = count;
            if (constant != null) {
                sliced = new ArrayList<>();
                for (long k = 0; k < count; k++) {
                    sliced.add(constant[(int) (s + k * step)]);
                }
            }
        }
        return new InferredValue(in[0].type(), out, sliced == null ? null : toArray(sliced));
    }

    /** ONNX's rule: starts clamp to [0, dim] (forward) or [0, dim − 1] (backward), ends to [0, dim] or [−1, dim − 1]. */
    private static long clampIndex(long idx, long dim, long min, long max) {
        long i = idx < 0 ? idx + dim : idx;
        return Math.max(min, Math.min(max, i));
    }

    private static InferredValue gemm(Node n, InferredValue a, InferredValue b) {
        if (b == null || !b.hasShape()) {
            return null;
        }
        if (a.rank() != 2 || b.rank() != 2) {
            throw new IllegalArgumentException("Gemm needs 2-D inputs, got " + Arrays.toString(a.dims())
                    + " and " + Arrays.toString(b.dims()));
        }
        boolean ta = n.intAttr("transA", 0) != 0;
        boolean tb = n.intAttr("transB", 0) != 0;
        long m = ta ? a.dims()[1] : a.dims()[0];
        long k = ta ? a.dims()[0] : a.dims()[1];
        long kb = tb ? b.dims()[1] : b.dims()[0];
        long nn = tb ? b.dims()[0] : b.dims()[1];
        if (k != kb) {
            throw new IllegalArgumentException("Gemm inner dimensions differ: " + k + " vs " + kb);
        }
        return InferredValue.of(a.type(), new long[] {m, nn});
    }

    static long[] matmulShape(long[] a, long[] b) {
        long[] aa = a.length == 1 ? new long[] {1, a[0]} : a;
        long[] bb = b.length == 1 ? new long[] {b[0], 1} : b;
        if (aa[aa.length - 1] != bb[bb.length - 2]) {
            throw new IllegalArgumentException("MatMul inner dimensions differ: " + Arrays.toString(a) + " × "
                    + Arrays.toString(b));
        }
        long[] batchDims = broadcast(Arrays.copyOf(aa, aa.length - 2), Arrays.copyOf(bb, bb.length - 2));
        List<Long> out = new ArrayList<>();
        for (long v : batchDims) {
            out.add(v);
        }
        if (a.length > 1) {
            out.add(aa[aa.length - 2]);
        }
        if (b.length > 1) {
            out.add(bb[bb.length - 1]);
        }
        return toArray(out);
    }

    private static InferredValue matmul(InferredValue a, InferredValue b) {
        if (b == null || !b.hasShape()) {
            return null;
        }
        return InferredValue.of(a.type(), matmulShape(a.dims(), b.dims()));
    }

    private static InferredValue pad(Node n, InferredValue[] in, long opset) {
        long[] d = in[0].dims();
        long[] pads;
        if (opset >= 11 || in.length > 1) {
            if (in.length < 2 || in[1] == null || !in[1].isConstant()) {
                return null;
            }
            pads = in[1].constant();
        } else {
            pads = n.intsAttr("pads");
        }
        long[] axes = null;
        if (in.length > 3 && in[3] != null) {
            if (!in[3].isConstant()) {
                return null;
            }
            axes = in[3].constant();
        }
        long[] out = d.clone();
        int count = axes == null ? d.length : axes.length;
        for (int i = 0; i < count; i++) {
            int axis = axes == null ? i : normAxis(axes[i], d.length);
            out[axis] += pads[i] + pads[i + count];
        }
        return InferredValue.of(in[0].type(), out);
    }

    private static InferredValue reduceMean(Node n, InferredValue[] in, long opset) {
        long[] d = in[0].dims();
        long[] axes;
        if (in.length > 1 && !n.input(1).isEmpty()) {
            if (in[1] == null || !in[1].isConstant()) {
                return null;
            }
            axes = in[1].constant();
        } else {
            axes = n.intsAttr("axes");
        }
        boolean keep = n.intAttr("keepdims", 1) != 0;
        boolean[] reduced = new boolean[d.length];
        if (axes == null || axes.length == 0) {
            if (n.intAttr("noop_with_empty_axes", 0) != 0) {
                return InferredValue.of(in[0].type(), d);
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[normAxis(a, d.length)] = true;
            }
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < d.length; i++) {
            if (!reduced[i]) {
                out.add(d[i]);
            } else if (keep) {
                out.add(1L);
            }
        }
        return InferredValue.of(in[0].type(), toArray(out));
    }

    private static InferredValue shapeOf(Node n, InferredValue x) {
        long[] d = x.dims();
        int start = (int) n.intAttr("start", 0);
        int end = (int) n.intAttr("end", d.length);
        start = Math.max(0, Math.min(d.length, start < 0 ? start + d.length : start));
        end = Math.max(start, Math.min(d.length, end < 0 ? end + d.length : end));
        long[] c = Arrays.copyOfRange(d, start, end);
        return new InferredValue(DataType.INT64, new long[] {c.length}, c);
    }

    private static InferredValue gather(Node n, InferredValue x, InferredValue idx) {
        if (idx == null || !idx.hasShape()) {
            return null;
        }
        long[] d = x.dims();
        int axis = normAxis(n.intAttr("axis", 0), d.length);
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < axis; i++) {
            out.add(d[i]);
        }
        for (long v : idx.dims()) {
            out.add(v);
        }
        for (int i = axis + 1; i < d.length; i++) {
            out.add(d[i]);
        }
        long[] constant = null;
        if (x.isConstant() && idx.isConstant() && d.length == 1) {
            constant = new long[idx.constant().length];
            for (int i = 0; i < constant.length; i++) {
                long k = idx.constant()[i];
                constant[i] = x.constant()[(int) (k < 0 ? k + d[0] : k)];
            }
        }
        return new InferredValue(x.type(), toArray(out), constant);
    }

    private static long[] toArray(List<Long> values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }
}

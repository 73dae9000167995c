package org.compresslab.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.pooling.Pool;
import java.util.Arrays;
import org.compresslab.graph.Node;

/** The autograd implementation of each op in {@link TrainableOps}, on DJL NDArrays (PyTorch engine). */
final class NodeOps {
    private NodeOps() {
    }

    static NDArray[] run(Node n, NodeContext c) {
        return switch (n.opType()) {
            case "Conv" -> one(conv(n, c));
            case "BatchNormalization" -> one(batchNorm(n, c));
            case "Relu" -> one(Activation.relu(c.input(n, 0)));
            case "LeakyRelu" -> one(Activation.leakyRelu(c.input(n, 0), n.floatAttr("alpha", 0.01f)));
            case "Sigmoid" -> one(Activation.sigmoid(c.input(n, 0)));
            case "Tanh" -> one(c.input(n, 0).tanh());
            case "HardSigmoid" -> one(hardSigmoid(c.input(n, 0), n.floatAttr("alpha", 0.2f), n.floatAttr("beta", 0.5f)));
            case "HardSwish" -> {
                NDArray x = c.input(n, 0);
                yield one(x.mul(hardSigmoid(x, 1f / 6, 0.5f)));
            }
            case "Clip" -> one(clip(n, c));
            case "Add" -> one(c.input(n, 0).add(c.input(n, 1)));
            case "Sub" -> one(c.input(n, 0).sub(c.input(n, 1)));
            case "Mul" -> one(c.input(n, 0).mul(c.input(n, 1)));
            case "Div" -> one(c.input(n, 0).div(c.input(n, 1)));
            case "Pow" -> one(c.input(n, 0).pow(c.input(n, 1)));
            case "Sqrt" -> one(c.input(n, 0).sqrt());
            case "Erf" -> one(c.input(n, 0).erf());
            case "Gelu" -> one(Activation.gelu(c.input(n, 0)));
            case "Identity", "Cast" -> one(c.input(n, 0));
            case "Dropout" -> one(dropout(n, c));
            case "Constant" -> one(constant(n, c));
            case "Flatten", "Reshape", "Squeeze", "Unsqueeze" -> one(c.input(n, 0).reshape(new Shape(c.dims(n.output(0)))));
            case "Transpose" -> one(transpose(n, c));
            case "Concat" -> one(concat(n, c));
            case "Split" -> split(n, c);
            case "Slice" -> one(slice(n, c));
            case "MaxPool" -> one(maxPool(n, c));
            case "AveragePool" -> one(avgPool(n, c));
            case "GlobalAveragePool" -> one(meanOver(c.input(n, 0), new int[] {2, 3}, true));
            case "Gemm" -> one(gemm(n, c));
            case "MatMul" -> one(c.input(n, 0).matMul(c.input(n, 1)));
            case "Softmax" -> one(c.input(n, 0).softmax((int) n.intAttr("axis", -1)));
            case "LayerNormalization" -> one(layerNorm(n, c));
            case "ReduceMean" -> one(reduceMean(n, c));
            case "Pad" -> one(pad(n, c));
            case "Gather" -> one(gather(n, c));
            default -> throw new UntrainableModelException("the training runtime cannot run op '" + n.opType()
                    + "' (node '" + n.label() + "')");
        };
    }

    private static NDArray[] one(NDArray a) {
        return new NDArray[] {a};
    }

    private static int[] ints(long[] v) {
        return Arrays.stream(v).mapToInt(x -> (int) x).toArray();
    }

    private static long[] attrOr(Node n, String name, long fill, int len) {
        long[] v = n.intsAttr(name);
        if (v != null) {
            return v;
        }
        long[] out = new long[len];
        Arrays.fill(out, fill);
        return out;
    }

    /** Explicit pads [top, left, bottom, right] for a 2-D window op, resolving auto_pad from the output size. */
    private static long[] windowPads(Node n, long[] inDims, long[] outDims, long[] kernel, long[] strides, long[] dilations) {
        String autoPad = n.stringAttr("auto_pad", "NOTSET");
        if (autoPad.equals("NOTSET")) {
            return attrOr(n, "pads", 0, 4);
        }
        if (autoPad.equals("VALID")) {
            return new long[4];
        }
        long[] pads = new long[4];
        for (int i = 0; i < 2; i++) {
            long effective = (kernel[i] - 1) * dilations[i] + 1;
            long total = Math.max(0, (outDims[i + 2] - 1) * strides[i] + effective - inDims[i + 2]);
            long small = total / 2;
            long large = total - small;
            pads[i] = autoPad.equals("SAME_UPPER") ? small : large;
            pads[i + 2] = autoPad.equals("SAME_UPPER") ? large : small;
        }
        return pads;
    }

    /** Pads asymmetric borders explicitly (torch's pad order: last axis first); returns the symmetric rest. */
    private static NDArray padAsymmetric(NDArray x, long[] pads, double value, long[] symmetric) {
        long top = pads[0];
        long left = pads[1];
        long bottom = pads[2];
        long right = pads[3];
        if (top == bottom && left == right) {
            symmetric[0] = top;
            symmetric[1] = left;
            return x;
        }
        symmetric[0] = 0;
        symmetric[1] = 0;
        return x.pad(new Shape(left, right, top, bottom), value);
    }

    private static NDArray conv(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        NDArray w = c.input(n, 1);
        NDArray b = c.input(n, 2);
        if (x.getShape().dimension() != 4) {
            throw new UntrainableModelException("the training runtime runs 2-D convolutions only (node '" + n.label() + "')");
        }
        long[] kernel = new long[] {w.getShape().get(2), w.getShape().get(3)};
        long[] strides = attrOr(n, "strides", 1, 2);
        long[] dilations = attrOr(n, "dilations", 1, 2);
        long[] pads = windowPads(n, x.getShape().getShape(), c.dims(n.output(0)), kernel, strides, dilations);
        long[] sym = new long[2];
        x = padAsymmetric(x, pads, 0, sym);
        return Conv2d.conv2d(x, w, b, new Shape(strides), new Shape(sym), new Shape(dilations), (int) n.intAttr("group", 1))
                .singletonOrThrow();
    }

    private static NDArray batchNorm(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        float eps = n.floatAttr("epsilon", 1e-5f);
        float momentum = n.floatAttr("momentum", 0.9f);
        NDList out = BatchNorm.batchNorm(x, c.input(n, 3), c.input(n, 4), c.input(n, 1), c.input(n, 2), 1, momentum, eps,
                c.training);
        return out.singletonOrThrow();
    }

    private static NDArray hardSigmoid(NDArray x, float alpha, float beta) {
        return x.mul(alpha).add(beta).clip(0, 1);
    }

    private static NDArray clip(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        float min = -Float.MAX_VALUE;
        float max = Float.MAX_VALUE;
        if (n.attribute("min").isPresent() || n.attribute("max").isPresent()) {
            min = n.floatAttr("min", min);
            max = n.floatAttr("max", max);
        }
        NDArray lo = c.input(n, 1);
        NDArray hi = c.input(n, 2);
        if (lo != null) {
            min = lo.toFloatArray()[0];
        }
        if (hi != null) {
            max = hi.toFloatArray()[0];
        }
        return x.clip(min, max);
    }

    private static NDArray dropout(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        float ratio = n.floatAttr("ratio", 0.5f);
        NDArray r = c.input(n, 1);
        if (r != null) {
            ratio = r.toFloatArray()[0];
        }
        return c.training && ratio > 0 ? Dropout.dropout(x, ratio, true).singletonOrThrow() : x;
    }

    private static NDArray constant(Node n, NodeContext c) {
        var tensor = n.attribute("value").map(a -> a.asTensor()).orElse(null);
        if (tensor != null) {
            return c.manager.create(tensor.toFloats(), new Shape(tensor.dims()));
        }
        if (n.attribute("value_float").isPresent()) {
            return c.manager.create(n.floatAttr("value_float", 0f));
        }
        if (n.attribute("value_floats").isPresent()) {
            return c.manager.create(n.attribute("value_floats").get().asFloats());
        }
        throw new UntrainableModelException("unsupported Constant at node '" + n.label() + "'");
    }

    private static NDArray transpose(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        long[] perm = n.intsAttr("perm");
        if (perm == null) {
            int r = x.getShape().dimension();
            perm = new long[r];
            for (int i = 0; i < r; i++) {
                perm[i] = r - 1 - i;
            }
        }
        return x.transpose(ints(perm));
    }

    private static NDArray concat(Node n, NodeContext c) {
        NDList parts = new NDList();
        for (int i = 0; i < n.inputs().size(); i++) {
            parts.add(c.input(n, i));
        }
        int rank = parts.get(0).getShape().dimension();
        long axis = n.intAttr("axis", 0);
        return NDArrays.concat(parts, (int) (axis < 0 ? axis + rank : axis));
    }

    private static NDArray[] split(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        int rank = x.getShape().dimension();
        long axis = n.intAttr("axis", 0);
        int ax = (int) (axis < 0 ? axis + rank : axis);
        long[] points = new long[n.outputs().size() - 1];
        long acc = 0;
        for (int i = 0; i < points.length; i++) {
            acc += c.dims(n.output(i))[ax];
            points[i] = acc;
        }
        NDList parts = x.split(points, ax);
        return parts.toArray(new NDArray[0]);
    }

    private static NDArray slice(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        long[] inDims = x.getShape().getShape();
        long[] starts = c.constantInts(n, 1);
        long[] ends = c.constantInts(n, 2);
        long[] axes = c.constantInts(n, 3);
        long[] steps = c.constantInts(n, 4);
        if (starts == null) {
            starts = n.intsAttr("starts");
            ends = n.intsAttr("ends");
            axes = n.intsAttr("axes");
        }
        if (starts == null || ends == null) {
            throw new UntrainableModelException("Slice with computed bounds is not trainable (node '" + n.label() + "')");
        }
        StringBuilder index = new StringBuilder();
        String[] parts = new String[inDims.length];
        Arrays.fill(parts, ":");
        for (int i = 0; i < starts.length; i++) {
            int axis = (int) (axes == null ? i : (axes[i] < 0 ? axes[i] + inDims.length : axes[i]));
            long step = steps == null ? 1 : steps[i];
            if (step <= 0) {
                throw new UntrainableModelException("Slice with a negative step is not trainable (node '" + n.label() + "')");
            }
            long dim = inDims[axis];
            long s = Math.max(0, Math.min(dim, starts[i] < 0 ? starts[i] + dim : starts[i]));
            long e = Math.max(0, Math.min(dim, ends[i] < 0 ? ends[i] + dim : ends[i]));
            parts[axis] = s + ":" + e + (step == 1 ? "" : ":" + step);
        }
        index.append(String.join(",", parts));
        return x.get(new NDIndex(index.toString()));
    }

    private static NDArray maxPool(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        long[] kernel = n.intsAttr("kernel_shape");
        long[] strides = attrOr(n, "strides", 1, 2);
        long[] pads = windowPads(n, x.getShape().getShape(), c.dims(n.output(0)), kernel, strides, new long[] {1, 1});
        long[] sym = new long[2];
        x = padAsymmetric(x, pads, Double.NEGATIVE_INFINITY, sym);
        return Pool.maxPool2d(x, new Shape(kernel), new Shape(strides), new Shape(sym), n.intAttr("ceil_mode", 0) != 0);
    }

    private static NDArray avgPool(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        long[] kernel = n.intsAttr("kernel_shape");
        long[] strides = attrOr(n, "strides", 1, 2);
        long[] pads = windowPads(n, x.getShape().getShape(), c.dims(n.output(0)), kernel, strides, new long[] {1, 1});
        long[] sym = new long[2];
        boolean countPad = n.intAttr("count_include_pad", 0) != 0;
        if (pads[0] != pads[2] || pads[1] != pads[3]) {
            throw new UntrainableModelException("AveragePool with asymmetric padding is not trainable (node '" + n.label() + "')");
        }
        sym[0] = pads[0];
        sym[1] = pads[1];
        return Pool.avgPool2d(x, new Shape(kernel), new Shape(strides), new Shape(sym), n.intAttr("ceil_mode", 0) != 0,
                countPad);
    }

    private static NDArray gemm(Node n, NodeContext c) {
        NDArray a = c.input(n, 0);
        NDArray b = c.input(n, 1);
        NDArray bias = c.input(n, 2);
        if (n.intAttr("transA", 0) != 0) {
            a = a.transpose();
        }
        if (n.intAttr("transB", 0) != 0) {
            b = b.transpose();
        }
        NDArray y = a.matMul(b);
        float alpha = n.floatAttr("alpha", 1f);
        if (alpha != 1f) {
            y = y.mul(alpha);
        }
        if (bias != null) {
            float beta = n.floatAttr("beta", 1f);
            y = y.add(beta == 1f ? bias : bias.mul(beta));
        }
        return y;
    }

    private static NDArray layerNorm(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        int rank = x.getShape().dimension();
        long axis = n.intAttr("axis", -1);
        int ax = (int) (axis < 0 ? axis + rank : axis);
        Shape normalized = x.getShape().slice(ax);
        return LayerNorm.layerNorm(x, normalized, c.input(n, 1), c.input(n, 2), n.floatAttr("epsilon", 1e-5f))
                .singletonOrThrow();
    }

    private static NDArray reduceMean(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        long[] axes = n.intsAttr("axes");
        if (axes == null) {
            axes = c.constantInts(n, 1);
        }
        int rank = x.getShape().dimension();
        int[] ax;
        if (axes == null || axes.length == 0) {
            ax = new int[rank];
            for (int i = 0; i < rank; i++) {
                ax[i] = i;
            }
        } else {
            ax = Arrays.stream(axes).mapToInt(a -> (int) (a < 0 ? a + rank : a)).toArray();
        }
        return meanOver(x, ax, n.intAttr("keepdims", 1) != 0);
    }

    /** Mean over several axes; the PyTorch engine reduces one axis per call, so highest axis first. */
    static NDArray meanOver(NDArray x, int[] axes, boolean keepDims) {
        int[] sorted = axes.clone();
        Arrays.sort(sorted);
        NDArray y = x;
        for (int i = sorted.length - 1; i >= 0; i--) {
            y = y.mean(new int[] {sorted[i]}, keepDims);
        }
        return y;
    }

    private static NDArray pad(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        if (!n.stringAttr("mode", "constant").equals("constant")) {
            throw new UntrainableModelException("only constant padding is trainable (node '" + n.label() + "')");
        }
        long[] pads = c.constantInts(n, 1);
        if (pads == null) {
            pads = n.intsAttr("pads");
        }
        NDArray v = c.input(n, 2);
        double value = v == null ? n.floatAttr("value", 0f) : v.toFloatArray()[0];
        int rank = x.getShape().dimension();
        // torch order: last axis first, (begin, end) per axis
        long[] torch = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            int axis = rank - 1 - i;
            torch[2 * i] = pads[axis];
            torch[2 * i + 1] = pads[axis + rank];
        }
        return x.pad(new Shape(torch), value);
    }

    private static NDArray gather(Node n, NodeContext c) {
        NDArray x = c.input(n, 0);
        long[] idx = c.constantInts(n, 1);
        if (idx == null || idx.length != 1) {
            throw new UntrainableModelException("Gather with computed or multiple indices is not trainable (node '"
                    + n.label() + "')");
        }
        int rank = x.getShape().dimension();
        long axis = n.intAttr("axis", 0);
        int ax = (int) (axis < 0 ? axis + rank : axis);
        long i = idx[0] < 0 ? idx[0] + x.getShape().get(ax) : idx[0];
        String[] parts = new String[rank];
        Arrays.fill(parts, ":");
        parts[ax] = Long.toString(i);
        NDArray picked = x.get(new NDIndex(String.join(",", parts)));
        return picked.reshape(new Shape(c.dims(n.output(0))));
    }
}

package org.compresslab.compress.quantize;

import ai.djl.ndarray.NDArray;
import java.util.HashMap;
import java.util.Map;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.train.ValueTransform;

/**
 * Fake quantization for quantization-aware training: where the QDQ model will round a value to int8,
 * the training graph rounds it too, so the network learns weights that survive the rounding. The
 * rounding has no useful gradient; the straight-through estimator passes the gradient through it
 * unchanged (inside the clipping range; zero outside, where the value is clipped).
 *
 * <p>Weights are quantized as the exported model stores them: symmetric int8 per output channel (per
 * tensor for MatMul), with the scale following the weights as they train. Activations use the fixed
 * ranges calibration chose, which the export keeps — so training sees exactly the grid it is exported to.
 */
public final class FakeQuantization implements ValueTransform {
    private final Map<String, QuantParams> activations;
    /** Weight initializer → its channel axis, or -1 for one scale per tensor. */
    private final Map<String, Integer> weightAxes = new HashMap<>();

    FakeQuantization(Graph g, QuantizationPlan plan, Map<String, QuantParams> activations, boolean perChannel) {
        this.activations = Map.copyOf(activations);
        for (Node n : plan.weightedLayers()) {
            weightAxes.put(n.input(1),
                    QdqInserter.usesPerChannelWeights(n, perChannel) ? QuantizationPlan.channelAxis(n) : -1);
        }
    }

    @Override
    public NDArray apply(String valueName, NDArray value, boolean isWeight, boolean training) {
        if (isWeight) {
            Integer axis = weightAxes.get(valueName);
            return axis == null ? value : fakeQuantizeWeight(value, axis);
        }
        QuantParams p = activations.get(valueName);
        return p == null ? value : fakeQuantizeActivation(value, p);
    }

    private static NDArray fakeQuantizeWeight(NDArray w, int axis) {
        NDArray maxAbs = maxAbs(w, axis).stopGradient();
        // an all-zero channel gets scale 1, as the exporter does
        NDArray scale = maxAbs.div(SymmetricWeightQuantizer.QMAX).add(maxAbs.eq(0).toType(w.getDataType(), false));
        NDArray q = w.div(scale).round().clip(-SymmetricWeightQuantizer.QMAX, SymmetricWeightQuantizer.QMAX).mul(scale);
        return w.add(q.sub(w).stopGradient());
    }

    /**
     * max |w| per channel along {@code axis} (0 or the last axis), shaped to broadcast against w; over
     * the whole tensor for -1. (PyTorch's max reduces one axis at a time, hence the reshapes.)
     */
    private static NDArray maxAbs(NDArray w, int axis) {
        NDArray a = w.abs();
        if (axis < 0) {
            return a.max();
        }
        ai.djl.ndarray.types.Shape s = w.getShape();
        long c = s.get(axis);
        long[] broadcast = new long[s.dimension()];
        java.util.Arrays.fill(broadcast, 1);
        broadcast[axis] = c;
        NDArray m = axis == 0 ? a.reshape(c, -1).max(new int[] {1}, true) : a.reshape(-1, c).max(new int[] {0}, true);
        return m.reshape(broadcast);
    }

    private static NDArray fakeQuantizeActivation(NDArray x, QuantParams p) {
        float lo = p.dequantize(p.type().qmin());
        float hi = p.dequantize(p.type().qmax());
        NDArray clipped = x.clip(lo, hi);
        NDArray q = clipped.div(p.scale()).round().add(p.zeroPoint()).clip(p.type().qmin(), p.type().qmax())
                .sub(p.zeroPoint()).mul(p.scale());
        return clipped.add(q.sub(clipped).stopGradient());
    }
}

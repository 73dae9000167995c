package org.compresslab.compress.quantize;

/**
 * Symmetric int8 quantization of constant weights (zero point 0), per channel or per tensor, shared by
 * the dynamic and static int8 techniques.
 *
 * <p>The range is [-127, 127], not [-128, 127]: with -128 unused, w and -w quantize to opposite values and
 * the scale is simply max|w| / 127 (the convention of ONNX Runtime's quantization tool and of PyTorch).
 */
public final class SymmetricWeightQuantizer {
    public static final int QMAX = 127;

    private SymmetricWeightQuantizer() {
    }

    /**
     * One scale per index of {@code axis} (e.g. axis 0 of a Conv weight [M, C, kH, kW]: per output channel;
     * axis 1 of a MatMul weight [K, N]: per output column).
     *
     * @throws IllegalArgumentException when a weight is NaN or infinite, or the axis or size is wrong
     */
    public static QuantizedWeight symmetricInt8(float[] w, long[] dims, int axis) {
        if (axis < 0 || axis >= dims.length) {
            throw new IllegalArgumentException("axis " + axis + " is outside a weight of rank " + dims.length);
        }
        checkSize(w, dims);
        int channels = (int) dims[axis];
        long inner = product(dims, axis + 1, dims.length);
        float[] maxAbs = new float[channels];
        for (int i = 0; i < w.length; i++) {
            int c = (int) ((i / inner) % channels);
            maxAbs[c] = Math.max(maxAbs[c], Math.abs(checkFinite(w[i], i)));
        }
        float[] scales = new float[channels];
        for (int c = 0; c < channels; c++) {
            scales[c] = scaleFor(maxAbs[c]);
        }
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = quantize(w[i], scales[(int) ((i / inner) % channels)]);
        }
        return new QuantizedWeight(q, scales, dims.clone(), axis);
    }

    /** One scale for the whole tensor. */
    public static QuantizedWeight symmetricInt8PerTensor(float[] w, long[] dims) {
        checkSize(w, dims);
        float maxAbs = 0;
        for (int i = 0; i < w.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(checkFinite(w[i], i)));
        }
        float scale = scaleFor(maxAbs);
        byte[] q = new byte[w.length];
        for (int i = 0; i < w.length; i++) {
            q[i] = quantize(w[i], scale);
        }
        return new QuantizedWeight(q, new float[] {scale}, dims.clone(), QuantizedWeight.PER_TENSOR);
    }

    private static float scaleFor(float maxAbs) {
        // an all-zero channel still needs a usable (non-zero) scale; its values are 0 whatever it is
        return maxAbs == 0 ? 1f : maxAbs / QMAX;
    }

    private static byte quantize(float x, float scale) {
        // round half to even, as ONNX QuantizeLinear does, so a QDQ model computes the same values
        long q = (long) Math.rint(x / scale);
        return (byte) Math.max(-QMAX, Math.min(QMAX, q));
    }

    private static float checkFinite(float v, int index) {
        if (!Float.isFinite(v)) {
            throw new IllegalArgumentException("weight element " + index + " is " + v);
        }
        return v;
    }

    private static void checkSize(float[] w, long[] dims) {
        if (product(dims, 0, dims.length) != w.length) {
            throw new IllegalArgumentException(w.length + " values do not fill dimensions "
                    + java.util.Arrays.toString(dims));
        }
    }

    private static long product(long[] dims, int from, int to) {
        long n = 1;
        for (int i = from; i < to; i++) {
            n *= dims[i];
        }
        return n;
    }
}

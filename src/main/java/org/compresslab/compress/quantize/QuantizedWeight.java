package org.compresslab.compress.quantize;

import org.compresslab.graph.DataType;
import org.compresslab.graph.Tensor;

/**
 * A weight quantized to symmetric int8: {@code w ≈ values[i] * scales[channel(i)]}, zero point 0.
 *
 * @param values int8 values in the weight's own element order, within [-127, 127]
 * @param scales one scale per channel along {@code axis}, or a single scale when {@code axis} is -1
 * @param dims   the weight's dimensions
 * @param axis   the channel axis the scales run along, or -1 for one scale for the whole tensor
 */
public record QuantizedWeight(byte[] values, float[] scales, long[] dims, int axis) {

    public static final int PER_TENSOR = -1;

    public boolean isPerTensor() {
        return axis == PER_TENSOR;
    }

    /** The values as an INT8 tensor (what MatMulInteger and QDQ models read). */
    public Tensor int8Tensor(String name) {
        return Tensor.ofBytes(name, DataType.INT8, dims, values);
    }

    /**
     * The values shifted by +128 into a UINT8 tensor, to be read with a zero point of 128: ONNX Runtime's
     * CPU ConvInteger only has a uint8 × uint8 kernel.
     */
    public Tensor uint8TensorOffset128(String name) {
        byte[] shifted = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            shifted[i] = (byte) (values[i] + 128);
        }
        return Tensor.ofBytes(name, DataType.UINT8, dims, shifted);
    }

    /** The scales, multiplied by {@code factor}, as a FLOAT tensor of the given dimensions. */
    public Tensor scaleTensor(String name, long[] scaleDims, float factor) {
        float[] s = new float[scales.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = scales[i] * factor;
        }
        return Tensor.ofFloats(name, scaleDims, s);
    }

    /** The float the i-th value stands for. */
    public float dequantize(int i) {
        return values[i] * scales[isPerTensor() ? 0 : channelOf(i)];
    }

    private int channelOf(int i) {
        long inner = 1;
        for (int d = axis + 1; d < dims.length; d++) {
            inner *= dims[d];
        }
        return (int) ((i / inner) % dims[axis]);
    }
}

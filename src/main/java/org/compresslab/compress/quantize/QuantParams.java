package org.compresslab.compress.quantize;

/** Scale and zero point of an asymmetric per-tensor quantization. */
public record QuantParams(float scale, int zeroPoint, ActivationType type) {

    public int quantize(float x) {
        // round half to even, as ONNX QuantizeLinear does
        long q = (long) Math.rint(x / scale) + zeroPoint;
        return (int) Math.max(type.qmin(), Math.min(type.qmax(), q));
    }

    public float dequantize(int q) {
        return (q - zeroPoint) * scale;
    }

    /** x → quantize → dequantize: what the quantized model sees instead of x. */
    public float fakeQuantize(float x) {
        return dequantize(quantize(x));
    }
}

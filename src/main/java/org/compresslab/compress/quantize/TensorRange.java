package org.compresslab.compress.quantize;

/** The float range a tensor is quantized over, as calibration chose it. */
public record TensorRange(double min, double max) {
    public TensorRange {
        if (!(min <= max) || !Double.isFinite(min) || !Double.isFinite(max)) {
            throw new IllegalArgumentException("bad range [" + min + ", " + max + "]");
        }
    }

    /** The range widened to contain zero: zero must be exactly representable (padding, ReLU). */
    public TensorRange withZero() {
        return new TensorRange(Math.min(0, min), Math.max(0, max));
    }
}

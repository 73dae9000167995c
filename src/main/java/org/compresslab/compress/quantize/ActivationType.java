package org.compresslab.compress.quantize;

import org.compresslab.graph.DataType;

/** The integer type activations are quantized to (asymmetric, with a zero point). */
public enum ActivationType {
    UINT8(DataType.UINT8, 0, 255),
    INT8(DataType.INT8, -128, 127);

    private final DataType dataType;
    private final int qmin;
    private final int qmax;

    ActivationType(DataType dataType, int qmin, int qmax) {
        this.dataType = dataType;
        this.qmin = qmin;
        this.qmax = qmax;
    }

    public DataType dataType() {
        return dataType;
    }

    public int qmin() {
        return qmin;
    }

    public int qmax() {
        return qmax;
    }

    /** Scale and zero point that map {@code range} (widened to contain 0) onto [qmin, qmax]. */
    public QuantParams params(TensorRange range) {
        TensorRange r = range.withZero();
        double scale = (r.max() - r.min()) / (qmax - qmin);
        if (scale == 0 || !Double.isFinite(scale)) {
            scale = 1.0;
        }
        float s = (float) scale;
        long zp = Math.round(qmin - r.min() / s);
        zp = Math.max(qmin, Math.min(qmax, zp));
        return new QuantParams(s, (int) zp, this);
    }
}

package org.compresslab.runtime.tensorflow;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The value of a TensorFlow tensor that does not depend on the model's input (a Const, a variable read
 * through the session, or arithmetic on them), copied into Java arrays in TensorFlow's row-major order.
 * Exactly one of {@code floats} and {@code longs} is set.
 */
record ConstantTensor(long[] dims, float[] floats, long[] longs) {

    static ConstantTensor of(Tensor t) {
        long[] dims = t.shape().asArray();
        int n = Math.toIntExact(t.shape().size());
        if (t instanceof TFloat32 f) {
            float[] v = new float[n];
            f.copyTo(DataBuffers.of(v, false, false));
            return new ConstantTensor(dims, v, null);
        }
        if (t instanceof TFloat64 d) {
            double[] v = new double[n];
            d.copyTo(DataBuffers.of(v, false, false));
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = (float) v[i];
            }
            return new ConstantTensor(dims, f, null);
        }
        if (t instanceof TInt32 i32) {
            int[] v = new int[n];
            i32.copyTo(DataBuffers.of(v, false, false));
            long[] l = new long[n];
            for (int i = 0; i < n; i++) {
                l[i] = v[i];
            }
            return new ConstantTensor(dims, null, l);
        }
        if (t instanceof TInt64 i64) {
            long[] v = new long[n];
            i64.copyTo(DataBuffers.of(v, false, false));
            return new ConstantTensor(dims, null, v);
        }
        throw new SavedModelException("a constant of type " + t.dataType() + " cannot be imported (float and integer"
                + " constants can)");
    }

    int rank() {
        return dims.length;
    }

    int size() {
        int n = 1;
        for (long d : dims) {
            n *= (int) d;
        }
        return n;
    }

    boolean isFloat() {
        return floats != null;
    }

    float[] asFloats() {
        if (floats != null) {
            return floats;
        }
        float[] f = new float[longs.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = longs[i];
        }
        return f;
    }

    long[] asLongs() {
        if (longs != null) {
            return longs;
        }
        long[] l = new long[floats.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) floats[i];
        }
        return l;
    }
}

package org.compresslab.runtime.tensorflow;

/**
 * The arithmetic of moving a channels-last TensorFlow model to the channels-first layout ONNX convolutions
 * use: axis numbers, weight layouts (HWIO → OIHW), and the order of a flattened feature map.
 */
final class NhwcToNchw {
    /** ONNX (NCHW) axis of each TensorFlow (NHWC) axis. */
    private static final int[] AXIS = {0, 2, 3, 1};
    /** The permutation that turns NHWC data into NCHW (as ONNX Transpose's perm). */
    static final long[] TO_NCHW = {0, 3, 1, 2};
    /** The permutation that turns NCHW data back into NHWC. */
    static final long[] TO_NHWC = {0, 2, 3, 1};

    private NhwcToNchw() {
    }

    /** The NCHW axis of a (possibly negative) axis of a rank-4 NHWC tensor. */
    static int axis(long tfAxis) {
        int a = (int) (tfAxis < 0 ? tfAxis + 4 : tfAxis);
        if (a < 0 || a > 3) {
            throw new SavedModelException("axis " + tfAxis + " is out of range for a 4-D tensor");
        }
        return AXIS[a];
    }

    /** NHWC dims → NCHW dims. */
    static long[] dims(long[] nhwc) {
        return new long[] {nhwc[0], nhwc[3], nhwc[1], nhwc[2]};
    }

    /** A rank-4 NHWC array as NCHW. */
    static float[] data(float[] v, long[] nhwc) {
        int n = (int) nhwc[0];
        int h = (int) nhwc[1];
        int w = (int) nhwc[2];
        int c = (int) nhwc[3];
        float[] out = new float[v.length];
        for (int b = 0; b < n; b++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    for (int k = 0; k < c; k++) {
                        out[((b * c + k) * h + y) * w + x] = v[((b * h + y) * w + x) * c + k];
                    }
                }
            }
        }
        return out;
    }

    /** A rank-4 NCHW array as NHWC (for feeding TensorFlow NCHW data). */
    static float[] toNhwc(float[] v, long[] nchw) {
        int n = (int) nchw[0];
        int c = (int) nchw[1];
        int h = (int) nchw[2];
        int w = (int) nchw[3];
        float[] out = new float[v.length];
        for (int b = 0; b < n; b++) {
            for (int k = 0; k < c; k++) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[((b * h + y) * w + x) * c + k] = v[((b * c + k) * h + y) * w + x];
                    }
                }
            }
        }
        return out;
    }

    /** A Conv2D filter [kh, kw, in, out] as an ONNX Conv weight [out, in, kh, kw]. */
    static float[] hwioToOihw(float[] w, long[] hwio) {
        int kh = (int) hwio[0];
        int kw = (int) hwio[1];
        int in = (int) hwio[2];
        int out = (int) hwio[3];
        float[] r = new float[w.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int i = 0; i < in; i++) {
                    for (int o = 0; o < out; o++) {
                        r[((o * in + i) * kh + y) * kw + x] = w[((y * kw + x) * in + i) * out + o];
                    }
                }
            }
        }
        return r;
    }

    /**
     * A depthwise filter [kh, kw, C, M] as the weight [C·M, 1, kh, kw] of a Conv with group = C: TensorFlow's
     * output channel c·M + m is the grouped convolution's output channel of group c, index m.
     */
    static float[] depthwiseToOihw(float[] w, long[] hwcm) {
        int kh = (int) hwcm[0];
        int kw = (int) hwcm[1];
        int c = (int) hwcm[2];
        int m = (int) hwcm[3];
        float[] r = new float[w.length];
        for (int y = 0; y < kh; y++) {
            for (int x = 0; x < kw; x++) {
                for (int k = 0; k < c; k++) {
                    for (int j = 0; j < m; j++) {
                        r[((k * m + j) * kh + y) * kw + x] = w[((y * kw + x) * c + k) * m + j];
                    }
                }
            }
        }
        return r;
    }

    static float[] transpose(float[] w, int rows, int cols) {
        float[] r = new float[w.length];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                r[j * rows + i] = w[i * cols + j];
            }
        }
        return r;
    }

    /**
     * The rows of a dense weight [H·W·C, out] that reads a flattened NHWC map, reordered for the NCHW
     * flatten (row c·H·W + y·W + x takes TensorFlow's row (y·W + x)·C + c). Permuting the weight instead
     * of transposing the activations keeps Flatten → Gemm, which channel pruning follows.
     */
    static float[] flattenedRows(float[] w, long h, long wd, long c, int out) {
        float[] r = new float[w.length];
        for (int k = 0; k < c; k++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < wd; x++) {
                    int to = (int) ((k * h + y) * wd + x);
                    int from = (int) ((y * wd + x) * c + k);
                    System.arraycopy(w, from * out, r, to * out, out);
                }
            }
        }
        return r;
    }

    /**
     * TensorFlow's SAME padding of one spatial axis as ONNX [begin, end]: the total is split with the odd
     * pixel at the end (so Keras 'same' with stride 2 pads the bottom/right more).
     */
    static long[] samePads(long in, long kernel, long stride, long dilation) {
        long effective = (kernel - 1) * dilation + 1;
        long out = (in + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + effective - in, 0);
        return new long[] {total / 2, total - total / 2};
    }
}

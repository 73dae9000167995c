package org.compresslab.compress.lowrank;

import org.compresslab.compress.CompressionException;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * The thin SVD {@code M = U·diag(s)·Vᵀ} of a row-major matrix, in double precision by EJML, singular
 * values in descending order: {@code u} is rows×k and {@code v} cols×k with k = min(rows, cols).
 */
final class ThinSvd {
    final int rows;
    final int cols;
    final double[] s;
    final DMatrixRMaj u;
    /** Null when only the left singular vectors were asked for. */
    final DMatrixRMaj v;

    private ThinSvd(int rows, int cols, double[] s, DMatrixRMaj u, DMatrixRMaj v) {
        this.rows = rows;
        this.cols = cols;
        this.s = s;
        this.u = u;
        this.v = v;
    }

    static ThinSvd of(double[] rowMajor, int rows, int cols, boolean needV, String what) {
        DMatrixRMaj m = new DMatrixRMaj(rows, cols, true, rowMajor.clone());
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(rows, cols, true, needV, true);
        if (!svd.decompose(m)) {
            throw new CompressionException("the singular value decomposition of " + what + " did not converge "
                    + "(does the weight hold NaN or infinite values?)");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj v = needV ? svd.getV(null, false) : null;
        double[] values = svd.getSingularValues().clone();
        int k = svd.numberOfSingularValues();
        SingularOps_DDRM.descendingOrder(u, false, values, k, v, false);
        double[] s = new double[k];
        System.arraycopy(values, 0, s, 0, k);
        return new ThinSvd(rows, cols, s, u, v);
    }

    int fullRank() {
        return s.length;
    }

    /** {@code U_r·√S_r}, rows×r row-major: the half of the factorization on the rows' side. */
    float[] rowFactor(int r) {
        float[] out = new float[rows * r];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < r; j++) {
                out[i * r + j] = (float) (u.get(i, j) * Math.sqrt(s[j]));
            }
        }
        return out;
    }

    /** {@code √S_r·V_rᵀ}, r×cols row-major: the half on the columns' side. */
    float[] columnFactor(int r) {
        float[] out = new float[r * cols];
        for (int j = 0; j < r; j++) {
            double root = Math.sqrt(s[j]);
            for (int c = 0; c < cols; c++) {
                out[j * cols + c] = (float) (root * v.get(c, j));
            }
        }
        return out;
    }

    /** ‖M − M_r‖_F / ‖M‖_F for the rank-r truncation (0 for a zero matrix). */
    double relativeError(int r) {
        double total = 0;
        double tail = 0;
        for (int i = 0; i < s.length; i++) {
            total += s[i] * s[i];
            if (i >= r) {
                tail += s[i] * s[i];
            }
        }
        return total == 0 ? 0 : Math.sqrt(tail / total);
    }
}

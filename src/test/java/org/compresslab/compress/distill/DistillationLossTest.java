package org.compresslab.compress.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.compresslab.data.Batch;
import org.compresslab.train.LossFunction;
import org.junit.jupiter.api.Test;

/** The distillation loss against the formula worked out by hand in doubles. */
class DistillationLossTest {
    private static final float[] STUDENT = {2.0f, -1.0f, 0.5f, 0.1f, 0.3f, -0.7f};
    private static final float[] TEACHER = {3.0f, 0.0f, -1.0f, -0.5f, 1.5f, 0.2f};
    private static final int[] LABELS = {0, 2};

    @Test
    void matchesAlphaTimesTSquaredKlPlusTheRestCrossEntropyComputedByHand() {
        double alpha = 0.7;
        double t = 2.0;
        double kl = 0;
        double ce = 0;
        for (int row = 0; row < 2; row++) {
            double[] ps = softmax(STUDENT, row, t);
            double[] pt = softmax(TEACHER, row, t);
            for (int c = 0; c < 3; c++) {
                kl += pt[c] * Math.log(pt[c] / ps[c]);
            }
            ce -= Math.log(softmax(STUDENT, row, 1)[LABELS[row]]);
        }
        double expected = alpha * t * t * kl / 2 + (1 - alpha) * ce / 2;

        assertThat((double) loss(alpha, t, TEACHER)).isCloseTo(expected, within(1e-5));
        // the numbers are not degenerate: both terms weigh in
        assertThat(kl / 2).isGreaterThan(0.05);
        assertThat(ce / 2).isGreaterThan(0.5);
    }

    @Test
    void withATeacherThatAgreesWithTheStudentOnlyTheLabelsTermRemains() {
        double ce = 0;
        for (int row = 0; row < 2; row++) {
            ce -= Math.log(softmax(STUDENT, row, 1)[LABELS[row]]);
        }
        assertThat((double) loss(0.9, 3.0, STUDENT)).isCloseTo(0.1 * ce / 2, within(1e-6));
    }

    @Test
    void withAlphaZeroItIsExactlyTheTrainersCrossEntropy() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(STUDENT, new Shape(2, 3));
            NDArray labels = m.create(LABELS);
            float plain = LossFunction.crossEntropy(logits, labels).getFloat();
            assertThat(loss(0, 3.0, TEACHER)).isEqualTo(plain);
        }
    }

    private static float loss(double alpha, double t, float[] teacher) {
        Batch batch = new Batch(new float[2], LABELS, 2, new long[] {2, 1}, new int[] {0, 1});
        DistillationLoss loss = new DistillationLoss(alpha, t, b -> {
            assertThat(b).isSameAs(batch);
            return teacher;
        });
        try (NDManager m = NDManager.newBaseManager()) {
            return loss.compute(m.create(STUDENT, new Shape(2, 3)), m.create(LABELS), batch).getFloat();
        }
    }

    private static double[] softmax(float[] logits, int row, double t) {
        double[] e = new double[3];
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            e[c] = Math.exp(logits[row * 3 + c] / t);
            sum += e[c];
        }
        for (int c = 0; c < 3; c++) {
            e[c] /= sum;
        }
        return e;
    }
}

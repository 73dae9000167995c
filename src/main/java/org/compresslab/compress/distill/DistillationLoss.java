package org.compresslab.compress.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import org.compresslab.compress.CompressionException;
import org.compresslab.data.Batch;
import org.compresslab.train.LossFunction;

/**
 * Hinton et al.'s distillation loss: {@code alpha · T² · KL(softmax(t/T) ‖ softmax(s/T)) + (1 − alpha) · CE(s, y)},
 * the KL averaged over the batch's images as the cross-entropy is. T² keeps the soft term's gradients on
 * the scale of the hard term's whatever the temperature. The cross-entropy is exactly the trainer's own,
 * so with alpha 0 the loss and its gradients are bit for bit those of plain training.
 */
public final class DistillationLoss implements LossFunction {
    private final double alpha;
    private final double temperature;
    private final TeacherLogits teacher;

    public DistillationLoss(double alpha, double temperature, TeacherLogits teacher) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], was " + alpha);
        }
        if (!(temperature > 0) || !Double.isFinite(temperature)) {
            throw new IllegalArgumentException("the temperature must be a positive number, was " + temperature);
        }
        this.alpha = alpha;
        this.temperature = temperature;
        this.teacher = teacher;
    }

    @Override
    public NDArray compute(NDArray logits, NDArray labels, Batch batch) {
        long rows = logits.getShape().get(0);
        long classes = logits.getShape().get(1);
        float[] t = teacher.logits(batch);
        if (t.length != rows * classes) {
            throw new CompressionException("the teacher gives " + (t.length / Math.max(1, rows)) + " scores per image but "
                    + "the student " + classes + "; teacher and student must classify the same classes");
        }
        NDArray teacherLogits = labels.getManager().create(t, new Shape(rows, classes));
        float invT = (float) (1 / temperature);
        NDArray studentLog = logits.mul(invT).logSoftmax(1);
        NDArray teacherLog = teacherLogits.mul(invT).logSoftmax(1);
        NDArray kl = teacherLog.exp().mul(teacherLog.sub(studentLog)).sum(new int[] {1}).mean();
        NDArray ce = LossFunction.crossEntropy(logits, labels);
        return kl.mul((float) (alpha * temperature * temperature)).add(ce.mul((float) (1 - alpha)));
    }
}

package org.compresslab.train;

import ai.djl.ndarray.NDArray;
import org.compresslab.data.Batch;

/**
 * The loss minimised by the training loop, given the model's logits for a batch. The default is
 * cross-entropy; distillation supplies one that also looks at a teacher's outputs for the same batch.
 */
@FunctionalInterface
public interface LossFunction {
    LossFunction CROSS_ENTROPY = (logits, labels, batch) -> crossEntropy(logits, labels);

    NDArray compute(NDArray logits, NDArray labels, Batch batch);

    /** Mean softmax cross-entropy; {@code labels} are class indices. */
    static NDArray crossEntropy(NDArray logits, NDArray labels) {
        NDArray logp = logits.logSoftmax(1);
        NDArray picked = logp.mul(labels.oneHot((int) logits.getShape().get(1))).sum(new int[] {1});
        return picked.mean().neg();
    }
}

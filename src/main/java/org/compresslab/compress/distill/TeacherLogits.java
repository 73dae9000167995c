package org.compresslab.compress.distill;

import org.compresslab.data.Batch;

/** The teacher's logits for exactly the images of a training batch, row-major [batch.size() × classes]. */
@FunctionalInterface
public interface TeacherLogits {
    float[] logits(Batch batch);
}

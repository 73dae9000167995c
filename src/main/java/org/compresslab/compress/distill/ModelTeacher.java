package org.compresslab.compress.distill;

import java.util.Arrays;
import org.compresslab.compress.CompressionException;
import org.compresslab.data.Batch;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.IncompatibleInputException;
import org.compresslab.eval.InputCompatibility;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Shape;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceBackend;
import org.compresslab.runtime.RuntimeOptions;

/**
 * The teacher, run by its own runtime (ONNX Runtime; PyTorch for a TorchScript teacher, TensorFlow for a
 * SavedModel) on the very (augmented) inputs the student trains on. One session
 * serves the whole distillation. A teacher trained with another normalisation gets the student's
 * inputs re-normalised to its own (same pixels, its mean and std); a different image size or layout
 * cannot be bridged and is refused.
 */
final class ModelTeacher implements TeacherLogits, AutoCloseable {
    private final InferenceBackend backend;
    private final boolean fixedBatchOfOne;
    private final float[] scale;
    private final float[] shift;
    private final Preprocessing studentPrep;
    private final boolean renormalise;

    /**
     * @param teacherPrep the preprocessing the teacher was trained with, or null when it is the student's
     */
    ModelTeacher(ModelFile teacherFile, Preprocessing teacherPrep, Preprocessing studentPrep, ImageDataset data,
               RuntimeOptions runtime) {
        Preprocessing own = teacherPrep == null ? studentPrep : teacherPrep;
        if (own.width() != studentPrep.width() || own.height() != studentPrep.height()
                || own.channels() != studentPrep.channels() || !own.layout().equals(studentPrep.layout())) {
            throw new CompressionException("the teacher takes " + describe(own) + " images but the student trains on "
                    + describe(studentPrep) + "; distil from a teacher with the same input size and layout");
        }
        Graph teacher = teacherFile.graph();
        try {
            InputCompatibility.check(teacher, studentPrep, data);
        } catch (IncompatibleInputException e) {
            throw new CompressionException("the teacher does not fit the student's images: " + e.getMessage(), e);
        }
        this.studentPrep = studentPrep;
        int c = studentPrep.channels();
        scale = new float[c];
        shift = new float[c];
        for (int i = 0; i < c; i++) {
            float ms = studentPrep.mean()[i];
            float ss = studentPrep.std()[i];
            float mt = own.mean()[i];
            float st = own.std()[i];
            // x_t = (pixel − m_t)/s_t with pixel = x_s·s_s + m_s
            scale[i] = ss / st;
            shift[i] = (ms - mt) / st;
        }
        renormalise = !Arrays.equals(own.mean(), studentPrep.mean()) || !Arrays.equals(own.std(), studentPrep.std());
        Shape in = teacher.runtimeInputs().get(0).shape();
        fixedBatchOfOne = in != null && in.rank() > 0 && in.dim(0) == 1;
        backend = teacherFile.openBackend(runtime);
    }

    private static String describe(Preprocessing p) {
        return p.channels() + "×" + p.height() + "×" + p.width() + " " + p.layout();
    }

    @Override
    public float[] logits(Batch batch) {
        float[] input = toTeacherInput(batch.data(), batch.size());
        float[] out;
        if (fixedBatchOfOne && batch.size() > 1) {
            int per = studentPrep.elementsPerImage();
            long[] one = studentPrep.shape(1);
            out = null;
            int k = 0;
            for (int i = 0; i < batch.size(); i++) {
                BackendOutput o = backend.run(Arrays.copyOfRange(input, i * per, (i + 1) * per), one);
                if (out == null) {
                    k = o.rowLength();
                    out = new float[k * batch.size()];
                }
                System.arraycopy(o.data(), 0, out, i * k, k);
            }
        } else {
            out = backend.run(input, batch.shape()).data();
        }
        for (float v : out) {
            if (!Float.isFinite(v)) {
                throw new CompressionException("the teacher's outputs contain NaN or infinite values; a teacher must "
                        + "give finite scores to teach anything — evaluate it first");
            }
        }
        return out;
    }

    private float[] toTeacherInput(float[] data, int images) {
        if (!renormalise) {
            return data;
        }
        float[] x = new float[images * studentPrep.elementsPerImage()];
        int c = studentPrep.channels();
        int plane = studentPrep.width() * studentPrep.height();
        boolean first = studentPrep.isChannelsFirst();
        for (int i = 0; i < x.length; i++) {
            int ch = first ? (i / plane) % c : i % c;
            x[i] = data[i] * scale[ch] + shift[ch];
        }
        return x;
    }

    @Override
    public void close() {
        backend.close();
    }
}

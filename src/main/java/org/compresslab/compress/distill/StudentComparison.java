package org.compresslab.compress.distill;

import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.InputCompatibility;
import org.compresslab.eval.stats.AccuracyAccumulator;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.AgreementAccumulator;
import org.compresslab.eval.stats.AgreementResult;
import org.compresslab.eval.stats.McNemarResult;
import org.compresslab.eval.stats.McNemarTest;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/**
 * The teacher, the distilled student and the control on the same evaluation images, in ONNX Runtime:
 * each one's top-1 with its 95% interval, and the paired comparison of student and control (McNemar,
 * agreement, and an interval for the difference).
 */
final class StudentComparison {
    private static final int BATCH = 100;

    private StudentComparison() {
    }

    /**
     * @param control null when the control was skipped; then the paired figures are null
     * @param images  how many evaluation images (the first ones; 0 = all)
     */
    static Scores score(TeacherLogits teacher, Graph student, Graph control, ImageDataset data, Preprocessing prep,
                        int images, RuntimeOptions runtime, ProgressListener progress, CancellationToken cancel) {
        InputCompatibility.check(student, prep, data);
        AccuracyAccumulator t = new AccuracyAccumulator();
        AccuracyAccumulator s = new AccuracyAccumulator();
        AccuracyAccumulator c = new AccuracyAccumulator();
        AgreementAccumulator agreement = new AgreementAccumulator();
        int count = images == 0 ? data.size() : Math.min(images, data.size());
        int[] labels = new int[count];
        try (OnnxRuntimeBackend sb = new OnnxRuntimeBackend(OnnxWriter.toBytes(student), runtime);
             OnnxRuntimeBackend cb = control == null ? null : new OnnxRuntimeBackend(OnnxWriter.toBytes(control), runtime);
             BatchStream batches = new BatchStream(data, prep, BATCH, count)) {
            int seen = 0;
            while (batches.hasNext()) {
                cancel.throwIfCancelled();
                Batch b = batches.next();
                BackendOutput so = sb.run(b.data(), b.shape());
                int k = so.rowLength();
                if (seen == 0) {
                    InputCompatibility.checkClasses(k, data);
                }
                s.add(so.data(), b.size(), k, b.labels());
                t.add(teacher.logits(b), b.size(), k, b.labels());
                if (cb != null) {
                    BackendOutput co = cb.run(b.data(), b.shape());
                    c.add(co.data(), b.size(), k, b.labels());
                    agreement.add(so.data(), co.data(), b.size(), k);
                }
                System.arraycopy(b.labels(), 0, labels, seen, b.size());
                seen += b.size();
                progress.progress(seen / (double) count, "scored " + seen + " of " + count + " evaluation images");
            }
        }
        if (control == null) {
            return new Scores(count, t.result(), s.result(), null, null, null);
        }
        return new Scores(count, t.result(), s.result(), c.result(),
                McNemarTest.fromPredictions(labels, s.predictions(), c.predictions()), agreement.result());
    }

    /** The three models' accuracies and the student-versus-control pairing (null without a control). */
    record Scores(int images, AccuracyResult teacher, AccuracyResult student, AccuracyResult control,
                  McNemarResult mcnemar, AgreementResult agreement) {
    }
}

package org.compresslab.compress.distill;

import java.util.List;
import java.util.Locale;
import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.AgreementResult;
import org.compresslab.eval.stats.McNemarResult;
import org.compresslab.train.EpochStats;

/**
 * What distillation did and what it bought: the teacher, the distilled student and the control (the same
 * student trained the same way without the teacher) on the same evaluation images, and the paired
 * comparison of student and control. The control's fields are null when it was skipped.
 *
 * @param teacher          "the step's input model" or the teacher file
 * @param student          the catalogue architecture or student file
 * @param mcnemar          A = distilled student, B = control
 * @param agreement        how often student and control predict the same class
 * @param distilledKeptEpoch the epoch whose weights the step's model carries (best held-out accuracy)
 */
public record DistillationReport(String teacher, String student, double alpha, double temperature, int epochs,
                                 double learningRate, String optimizer, int batch, long teacherParams,
                                 long studentParams, int evaluationImages, AccuracyResult teacherAccuracy,
                                 AccuracyResult distilledAccuracy, AccuracyResult controlAccuracy,
                                 PairedDifference difference, McNemarResult mcnemar, AgreementResult agreement,
                                 List<EpochStats> distilledHistory, int distilledKeptEpoch,
                                 List<EpochStats> controlHistory, Integer controlKeptEpoch) {

    public DistillationReport {
        distilledHistory = List.copyOf(distilledHistory);
        controlHistory = controlHistory == null ? null : List.copyOf(controlHistory);
    }

    /** One line for a console or a log: the three accuracies, the difference and its p-value. */
    public String summary() {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
                "on %d images: teacher %s, distilled %s %s", evaluationImages, pct(teacherAccuracy), student,
                pct(distilledAccuracy)));
        if (controlAccuracy != null) {
            s.append(String.format(Locale.ROOT, ", control %s; distilled − control %+.2f points "
                            + "(95%% CI %+.2f to %+.2f), McNemar p = %.3g", pct(controlAccuracy),
                    100 * difference.difference(), 100 * difference.lo(), 100 * difference.hi(), mcnemar.pValue()));
        } else {
            s.append(" (no control run)");
        }
        return s.toString();
    }

    private static String pct(AccuracyResult a) {
        return String.format(Locale.ROOT, "%.2f%% (%.2f–%.2f)", 100 * a.top1(), 100 * a.top1Ci95().lo(),
                100 * a.top1Ci95().hi());
    }
}

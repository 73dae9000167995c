package org.compresslab.study;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.stats.McNemarTest;

/** The compare table: every evaluated run of a project against the project's baseline run. */
public final class RunComparison {
    private RunComparison() {
    }

    public static List<ComparisonRow> rows(Project project, Run baseline) {
        EvaluationResult b = baseline.result();
        if (b == null) {
            throw new IllegalArgumentException("the baseline run has no evaluation");
        }
        List<ComparisonRow> rows = new ArrayList<>();
        for (Run r : project.runs()) {
            if (r.result() == null || !Run.FINISHED.equals(r.status())) {
                continue;
            }
            rows.add(row(r, b));
        }
        return rows;
    }

    static ComparisonRow row(Run run, EvaluationResult b) {
        EvaluationResult r = run.result();
        boolean paired = r.labels() != null && b.labels() != null && Arrays.equals(r.labels(), b.labels())
                && r.predictions() != null && b.predictions() != null && r.dataset().equals(b.dataset());
        double p = Double.NaN;
        double agreement = Double.NaN;
        if (paired) {
            p = McNemarTest.fromPredictions(b.labels(), b.predictions(), r.predictions()).pValue();
            int same = 0;
            for (int i = 0; i < r.predictions().length; i++) {
                if (r.predictions()[i] == b.predictions()[i]) {
                    same++;
                }
            }
            agreement = same / (double) r.predictions().length;
        }
        double speedup = b.latency().p50() / r.latency().p50();
        double size = (double) r.size().bytes() / b.size().bytes();
        double macs = b.macs() > 0 && r.macs() >= 0 ? (double) r.macs() / b.macs() : Double.NaN;
        boolean flag = macs < 0.9 && !(speedup > 1.05);
        var acc = r.accuracy();
        return new ComparisonRow(run.id(), run.name(), run.kind(), acc.top1(), acc.top1Ci95().lo(), acc.top1Ci95().hi(),
                acc.top1() - b.accuracy().top1(), p, agreement, speedup, size, macs, flag);
    }
}

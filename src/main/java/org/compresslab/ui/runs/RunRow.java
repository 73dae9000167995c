package org.compresslab.ui.runs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.Run;

/** One run as the runs table shows it: text for display, numbers for sorting (NaN when not measured). */
public record RunRow(Run run, String name, String created, String status, double top1, String top1Text,
                     double p50Ms, String p50Text, String runtime, long bytes, String sizeText, String description) {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.systemDefault());

    public static RunRow of(Run r) {
        EvaluationResult e = r.result();
        double top1 = e == null ? Double.NaN : e.accuracy().top1();
        String top1Text = e == null ? "—" : String.format(Locale.ROOT, "%.2f%% [%.2f–%.2f]", 100 * top1,
                100 * e.accuracy().top1Ci95().lo(), 100 * e.accuracy().top1Ci95().hi());
        double p50 = e == null ? Double.NaN : e.latency().p50();
        String p50Text = e == null ? "—" : String.format(Locale.ROOT, "%.3f ms", p50);
        // latencies from different runtimes differ by runtime too: say which one timed each
        String runtime = e == null || e.runtime() == null ? "—" : e.runtime();
        long bytes = e == null ? -1 : e.size().bytes();
        String sizeText = e == null ? "—" : String.format(Locale.ROOT, "%,d B", bytes);
        return new RunRow(r, r.name(), WHEN.format(r.created()), r.status(), top1, top1Text, p50, p50Text, runtime, bytes, sizeText,
                r.message() == null ? r.description() : r.description() + " — " + r.message());
    }
}

package org.compresslab.study.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.ComparisonRow;
import org.compresslab.study.ProjectException;
import org.compresslab.study.Run;

/**
 * The report's figures as CSV for a spreadsheet: one row per evaluated run, units in the header,
 * RFC 4180 quoting and CRLF line ends, numbers in Locale.ROOT (a dot for decimals, no grouping) at full
 * precision, and an empty cell for a figure that was not measured. Fractions stay fractions (0.9324, not
 * 93.24%) so that they can be computed with.
 */
public final class CsvReport {
    static final List<String> HEADER = List.of("run id", "run", "technique", "technique id", "baseline",
            "started from (run id)", "path", "dataset", "images (n)", "top-1 (fraction)",
            "top-1 95% CI low (fraction)", "top-1 95% CI high (fraction)", "top-5 (fraction)",
            "delta top-1 vs baseline (fraction)", "McNemar p vs baseline", "top-1 agreement with baseline (fraction)",
            "latency p50 (ms)", "latency p90 (ms)", "latency p99 (ms)", "timed runs (n)", "threads", "batch (images)",
            "optimisation", "throughput (images/s)", "speed-up vs baseline (x; separate evaluations)",
            "size (bytes)", "gzip size (bytes)", "size vs baseline (ratio)", "parameters", "non-zero parameters",
            "MACs per image", "MACs vs baseline (ratio)", "CPU", "runtime");

    private CsvReport() {
    }

    /** @throws ProjectException if the file cannot be written (the message says why, in plain words) */
    public static void write(ProjectReport report, Path file) {
        ReportFiles.writeString(file, "the CSV file", csv(report));
    }

    public static String csv(ProjectReport report) {
        StringBuilder b = new StringBuilder();
        line(b, HEADER);
        for (ReportRun r : report.runs()) {
            line(b, row(report, r));
        }
        return b.toString();
    }

    private static List<String> row(ProjectReport report, ReportRun r) {
        Run run = r.run();
        EvaluationResult e = r.result();
        ComparisonRow c = r.vsBaseline();
        List<String> v = new ArrayList<>(HEADER.size());
        v.add(run.id());
        v.add(run.name());
        v.add(r.technique());
        v.add(run.kind());
        v.add(run.id().equals(report.baseline().id()) ? "yes" : "no");
        v.add(run.parentRunId() == null ? "" : run.parentRunId());
        v.add(r.pathText());
        v.add(e.dataset());
        v.add(count(e.accuracy().n()));
        v.add(number(e.accuracy().top1()));
        v.add(number(e.accuracy().top1Ci95().lo()));
        v.add(number(e.accuracy().top1Ci95().hi()));
        v.add(number(e.accuracy().top5()));
        v.add(number(c.accuracyDelta()));
        v.add(number(c.mcnemarP()));
        v.add(number(c.top1Agreement()));
        v.add(number(e.latency().p50()));
        v.add(number(e.latency().p90()));
        v.add(number(e.latency().p99()));
        v.add(count(e.latency().n()));
        v.add(count(e.threads()));
        v.add(count(e.batch()));
        v.add(e.optimization() == null ? "" : e.optimization().name().toLowerCase(Locale.ROOT));
        v.add(number(e.throughputImagesPerSecond()));
        v.add(number(c.latencySpeedup()));
        v.add(count(e.size().bytes()));
        v.add(count(e.size().gzipBytes()));
        v.add(number(c.sizeRatio()));
        v.add(count(e.size().params()));
        v.add(count(e.size().nonZeroParams()));
        v.add(count(e.macs()));
        v.add(number(c.macsRatio()));
        v.add(e.cpu() == null ? "" : e.cpu());
        v.add(e.runtime() == null ? "" : e.runtime());
        return v;
    }

    /** Shortest text that reads back as the same double; empty for NaN and infinities (not measured). */
    static String number(double x) {
        return Double.isFinite(x) ? Double.toString(x) : "";
    }

    /** Negative counts are the engine's "unknown" (e.g. MACs of an op it cannot count). */
    static String count(long n) {
        return n < 0 ? "" : Long.toString(n);
    }

    private static void line(StringBuilder b, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(field(fields.get(i)));
        }
        b.append("\r\n");
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}

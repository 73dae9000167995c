package org.compresslab.study.report;

import static org.compresslab.study.report.Html.escape;

import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.ComparisonRow;
import org.compresslab.study.ProjectException;
import org.compresslab.study.Run;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.chart.ChartExport;
import org.compresslab.study.chart.TradeOffChartFactory;

/**
 * The report as one self-contained HTML file: styles inline, charts inline as SVG, no script and nothing
 * fetched from elsewhere, so it can be mailed, archived and printed as it is.
 */
public final class HtmlReport {
    /** What the charts show against accuracy unless told otherwise: the two costs users ask about first. */
    public static final List<TradeOffAxis> DEFAULT_AXES = List.of(TradeOffAxis.LATENCY_P50, TradeOffAxis.SIZE_BYTES);
    static final int CHART_WIDTH = 760;
    static final int CHART_HEIGHT = 440;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private static final String STYLE = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #222;
                   max-width: 1100px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
            h1 { margin-bottom: 0.2em; }
            h2 { border-bottom: 1px solid #ccc; padding-bottom: 0.2em; margin-top: 1.8em; }
            .meta, .note { color: #555; font-size: 0.92em; }
            table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
            th, td { border: 1px solid #d0d0d0; padding: 0.3em 0.55em; vertical-align: top; }
            th { background: #f2f2f2; text-align: left; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
            tr.baseline td { background: #f7f7ee; }
            td.flag { color: #a04000; }
            figure { margin: 1em 0; }
            figure svg { width: 100%; max-width: 760px; height: auto; display: block; }
            figcaption { color: #555; font-size: 0.9em; max-width: 760px; }
            pre { background: #f6f6f6; border: 1px solid #ddd; padding: 0.6em; overflow-x: auto;
                  white-space: pre-wrap; word-break: break-word; font-size: 0.85em; }
            dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; }
            dt { font-weight: 600; }
            dd { margin: 0; }
            .recipe { break-inside: avoid; }
            @media print {
              body { margin: 0; max-width: none; font-size: 10pt; }
              h2 { break-after: avoid; }
              figure, table, tr, .recipe { break-inside: avoid; }
              pre { white-space: pre-wrap; }
            }
            """;

    private HtmlReport() {
    }

    /** Writes the report with the charts of {@link #DEFAULT_AXES}. */
    public static void write(ProjectReport report, Path file) {
        write(report, DEFAULT_AXES, file);
    }

    /**
     * @param axes one chart of accuracy against each, in this order
     * @throws ProjectException if the file cannot be written (the message says why, in plain words)
     */
    public static void write(ProjectReport report, List<TradeOffAxis> axes, Path file) {
        ReportFiles.writeString(file, "the report", html(report, axes));
    }

    /** The page's text. */
    public static String html(ProjectReport report, List<TradeOffAxis> axes) {
        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"CompressLab ")
                .append(escape(report.environment().compressLabVersion())).append("\">\n")
                .append("<title>").append(escape(report.projectName())).append(" — CompressLab report</title>\n")
                .append("<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
        header(h, report);
        charts(h, report, axes);
        runs(h, report);
        comparison(h, report);
        recipes(h, report);
        environment(h, report);
        notes(h, report);
        h.append("</body>\n</html>\n");
        return h.toString();
    }

    private static void header(StringBuilder h, ProjectReport r) {
        h.append("<header>\n<h1>").append(escape(r.projectName())).append("</h1>\n<p class=\"meta\">")
                .append("CompressLab report written ").append(DATE.format(r.generated()))
                .append(" · dataset ").append(r.dataset() == null ? "not set" : escape(r.dataset()))
                .append(" · baseline: ").append(escape(r.baseline().name()))
                .append(" · ").append(r.runs().size()).append(r.runs().size() == 1 ? " evaluated run" : " evaluated runs")
                .append("</p>\n</header>\n");
    }

    private static void charts(StringBuilder h, ProjectReport r, List<TradeOffAxis> axes) {
        h.append("<section id=\"charts\">\n<h2>Trade-offs</h2>\n");
        for (TradeOffAxis axis : axes) {
            TradeOff data = TradeOff.of(r.evaluatedRuns(), axis);
            h.append("<figure>\n")
                    .append(ChartExport.svgElement(TradeOffChartFactory.create(data), CHART_WIDTH, CHART_HEIGHT))
                    .append("\n<figcaption>Top-1 accuracy against ").append(escape(axis.label())).append(": ")
                    .append(data.points().size()).append(" run(s), ").append(data.front().size())
                    .append(" on the Pareto front (dashed line). Error bars are 95% intervals, the bubble area is the"
                            + " file size, faded runs are beaten by another run on both accuracy and cost, and grey"
                            + " lines join each run to the run it started from.");
            int missing = r.runs().size() - data.points().size();
            if (missing > 0) {
                h.append(' ').append(missing).append(" run(s) have no measured value on this axis and are not drawn.");
            }
            h.append("</figcaption>\n</figure>\n");
        }
        h.append("</section>\n");
    }

    private static void runs(StringBuilder h, ProjectReport r) {
        h.append("<section id=\"runs\">\n<h2>Runs</h2>\n<h3>Accuracy and latency</h3>\n<table>\n<thead><tr>")
                .append("<th>Run</th><th>Technique</th><th>Top-1</th><th>95% interval</th><th>Images</th>")
                .append("<th>Latency p50 (ms)</th><th>p90 (ms)</th><th>p99 (ms)</th><th>Timed runs</th>")
                .append("<th>Threads · batch · optimisation</th></tr></thead>\n<tbody>\n");
        for (ReportRun run : r.runs()) {
            EvaluationResult e = run.result();
            rowStart(h, r, run);
            h.append("<td>").append(escape(run.technique())).append("</td>");
            num(h, Figures.percent(e.accuracy().top1()));
            num(h, Figures.interval(e.accuracy().top1Ci95().lo(), e.accuracy().top1Ci95().hi()));
            num(h, Figures.count(e.accuracy().n()));
            num(h, Figures.millis(e.latency().p50()));
            num(h, Figures.millis(e.latency().p90()));
            num(h, Figures.millis(e.latency().p99()));
            num(h, Figures.count(e.latency().n()));
            h.append("<td>").append(e.threads()).append(" · ").append(e.batch()).append(" · ")
                    .append(e.optimization() == null ? Figures.MISSING : escape(e.optimization().name().toLowerCase(
                            Locale.ROOT))).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<h3>Size and compute</h3>\n<table>\n<thead><tr>")
                .append("<th>Run</th><th>File (bytes)</th><th>Gzip-compressed (bytes)</th><th>Parameters</th>")
                .append("<th>Non-zero parameters</th><th>MACs per image</th><th>Started from</th></tr></thead>\n<tbody>\n");
        for (ReportRun run : r.runs()) {
            EvaluationResult e = run.result();
            rowStart(h, r, run);
            num(h, Figures.count(e.size().bytes()));
            num(h, Figures.count(e.size().gzipBytes()));
            num(h, Figures.count(e.size().params()));
            num(h, Figures.count(e.size().nonZeroParams()));
            num(h, Figures.count(e.macs()));
            List<String> before = run.path().subList(0, run.path().size() - 1);
            h.append("<td>").append(before.isEmpty() ? Figures.MISSING : escape(String.join(" → ", before)))
                    .append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Latency is the median (p50) of the timed runs after warm-up,"
                + " with the 90th and 99th percentiles. The gzip-compressed size shows what unstructured sparsity"
                + " really saves. " + Figures.MISSING + " marks a figure that was not measured.</p>\n</section>\n");
    }

    private static void comparison(StringBuilder h, ProjectReport r) {
        h.append("<section id=\"compare\">\n<h2>Against the baseline (").append(escape(r.baseline().name()))
                .append(")</h2>\n<table>\n<thead><tr><th>Run</th><th>Top-1</th><th>Δ top-1</th><th>McNemar p</th>")
                .append("<th>Top-1 agreement</th><th>Speed-up (p50)</th><th>Size ratio</th><th>MACs ratio</th>")
                .append("<th>Note</th></tr></thead>\n<tbody>\n");
        for (ReportRun run : r.runs()) {
            ComparisonRow c = run.vsBaseline();
            rowStart(h, r, run);
            num(h, Figures.percent(c.accuracy()) + " (" + Figures.interval(c.accuracyLo(), c.accuracyHi()) + ")");
            num(h, Figures.points(c.accuracyDelta()));
            num(h, Figures.pValue(c.mcnemarP()));
            num(h, Figures.percent(c.top1Agreement()));
            num(h, Figures.ratio(c.latencySpeedup()));
            num(h, Figures.ratio(c.sizeRatio()));
            num(h, Figures.ratio(c.macsRatio()));
            h.append(c.macsFellNotLatency() ? "<td class=\"flag\">MACs fell, latency did not</td>" : "<td></td>")
                    .append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n<p class=\"note\">Δ top-1 is in percentage points. McNemar p is the exact test"
                + " on which images each model gets right; it and the agreement are shown only for runs evaluated on"
                + " the same images as the baseline. Speed-up is the baseline's p50 latency over the run's (above 1"
                + " is faster), from their separate evaluations: <code>compresslab compare A B</code> times two"
                + " models interleaved for a trustworthy ratio. Size and MACs ratios are the run's over the"
                + " baseline's (below 1 is smaller).</p>\n</section>\n");
    }

    private static void recipes(StringBuilder h, ProjectReport r) {
        h.append("<section id=\"recipes\">\n<h2>Recipes</h2>\n<p class=\"note\">Each compressed run's recipe is"
                + " complete, defaults included: save it as a file and run <code>compresslab compress MODEL --recipe"
                + " FILE</code> on the model it started from to make it again.</p>\n");
        for (ReportRun run : r.runs()) {
            Run x = run.run();
            h.append("<div class=\"recipe\">\n<h3>").append(escape(x.name())).append("</h3>\n<p class=\"meta\">")
                    .append(escape(run.technique()));
            if (!Run.KIND_EVALUATE.equals(x.kind())) {
                h.append(" (<code>").append(escape(x.kind())).append("</code>)");
            }
            h.append(" · ").append(DATE.format(x.created()));
            if (run.path().size() > 1) {
                h.append(" · path: ").append(escape(run.pathText()));
            }
            h.append("</p>\n");
            if (x.description() != null && !x.description().isBlank()) {
                h.append("<p>").append(escape(x.description())).append("</p>\n");
            }
            if (x.recipeJson() == null) {
                h.append("<p class=\"note\">No recipe: a plain evaluation of ")
                        .append(x.modelFile() == null ? "a model" : escape(x.modelFile())).append(".</p>\n");
            } else {
                h.append("<pre>").append(escape(x.recipeJson().strip())).append("</pre>\n");
            }
            if (x.settings() != null) {
                var s = x.settings();
                h.append("<p class=\"note\">Measured on ")
                        .append(s.limit() == 0 ? "the whole split" : "at most " + s.limit() + " images")
                        .append(", ").append(s.warmup()).append(" warm-up and ").append(s.runs())
                        .append(" timed runs").append(s.timeBudgetSeconds() > 0
                                ? String.format(Locale.ROOT, " (or %.3g s of timing)", s.timeBudgetSeconds()) : "")
                        .append(".</p>\n");
            }
            h.append("</div>\n");
        }
        h.append("</section>\n");
    }

    private static void environment(StringBuilder h, ProjectReport r) {
        Environment e = r.environment();
        h.append("<section id=\"environment\">\n<h2>Environment</h2>\n<h3>Measured on</h3>\n<ul>\n");
        for (String m : r.measuredOn()) {
            h.append("<li>").append(escape(m)).append("</li>\n");
        }
        h.append("</ul>\n");
        if (r.measuredOn().size() > 1) {
            h.append("<p class=\"note\">The runs were not all measured on the same machine and runtime: compare"
                    + " their latencies with care.</p>\n");
        }
        h.append("<h3>Report written on</h3>\n<dl>\n");
        item(h, "CPU", e.cpuModel());
        item(h, "Logical processors", Integer.toString(e.availableProcessors()));
        item(h, "Operating system", e.os());
        item(h, "Java", e.javaVersion());
        item(h, "ONNX Runtime", e.onnxRuntimeVersion());
        item(h, "CompressLab", e.compressLabVersion());
        item(h, "Random seeds", "not recorded in the project; the recipes above hold every technique setting");
        h.append("</dl>\n</section>\n");
    }

    private static void notes(StringBuilder h, ProjectReport r) {
        if (r.leftOut().isEmpty() && r.warnings().isEmpty()) {
            return;
        }
        h.append("<section id=\"notes\">\n<h2>Not in this report</h2>\n<ul>\n");
        for (ProjectReport.LeftOut o : r.leftOut()) {
            h.append("<li>").append(escape(o.runName())).append(": ").append(escape(o.reason())).append("</li>\n");
        }
        for (String w : r.warnings()) {
            h.append("<li>").append(escape(w)).append("</li>\n");
        }
        h.append("</ul>\n</section>\n");
    }

    private static void rowStart(StringBuilder h, ProjectReport r, ReportRun run) {
        boolean baseline = run.run().id().equals(r.baseline().id());
        h.append(baseline ? "<tr class=\"baseline\">" : "<tr>").append("<td>").append(escape(run.run().name()))
                .append(baseline ? " <em>(baseline)</em>" : "").append("</td>");
    }

    private static void num(StringBuilder h, String text) {
        h.append("<td class=\"n\">").append(escape(text)).append("</td>");
    }

    private static void item(StringBuilder h, String term, String value) {
        h.append("<dt>").append(escape(term)).append("</dt><dd>").append(escape(value)).append("</dd>\n");
    }
}

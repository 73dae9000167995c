package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectException;
import org.compresslab.study.ProjectStore;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.report.CsvReport;
import org.compresslab.study.report.HtmlReport;
import org.compresslab.study.report.ProjectReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compresslab report PROJECT_DIR --out FILE.html [--csv FILE.csv]}: the workbench's report, without the GUI. */
@Command(name = "report", description = "Write a project's results as one self-contained HTML file (charts, tables,"
        + " recipes, environment), and optionally as CSV.")
final class ReportCommand implements Callable<Integer> {
    /** The chart axes as the command line names them. */
    enum Axis {
        latency(TradeOffAxis.LATENCY_P50), size(TradeOffAxis.SIZE_BYTES), macs(TradeOffAxis.MACS),
        params(TradeOffAxis.PARAMS);

        final TradeOffAxis axis;

        Axis(TradeOffAxis axis) {
            this.axis = axis;
        }
    }

    @Parameters(index = "0", paramLabel = "PROJECT_DIR", description = "A CompressLab project folder (with project.json).")
    Path project;

    @Option(names = "--out", required = true, paramLabel = "FILE.html", description = "Where to write the HTML report.")
    Path out;

    @Option(names = "--csv", paramLabel = "FILE.csv", description = "Also write every evaluated run's figures as CSV.")
    Path csv;

    @Option(names = "--axis", defaultValue = "latency", paramLabel = "AXIS",
            description = "The cost the first chart plots accuracy against: ${COMPLETION-CANDIDATES}"
                    + " (default: ${DEFAULT-VALUE}); charts against latency and size follow.")
    Axis axis;

    @Option(names = "--verbose", description = "Show details (stack traces) of errors.")
    boolean verbose;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Project p = new ProjectStore().load(project);
            p.loadWarnings().forEach(w -> err.println("compresslab: warning: " + w));
            ProjectReport report = ProjectReport.of(p);
            HtmlReport.write(report, axes(), this.out);
            out.println("Wrote the report of " + report.runs().size() + " evaluated run(s) to "
                    + this.out.toAbsolutePath().normalize());
            if (csv != null) {
                CsvReport.write(report, csv);
                out.println("Wrote the CSV to " + csv.toAbsolutePath().normalize());
            }
        } catch (ProjectException e) {
            // the store and the writers word their messages for people: they are the user's to fix
            BadInputException bad = new BadInputException(e.getMessage());
            bad.initCause(e);
            throw bad;
        }
        return 0;
    }

    private List<TradeOffAxis> axes() {
        Set<TradeOffAxis> axes = new LinkedHashSet<>();
        axes.add(axis.axis);
        axes.addAll(HtmlReport.DEFAULT_AXES);
        return List.copyOf(axes);
    }
}

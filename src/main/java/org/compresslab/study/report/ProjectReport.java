package org.compresslab.study.report;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.ComparisonRow;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectException;
import org.compresslab.study.Run;
import org.compresslab.study.RunComparison;

/**
 * What a report says about a project, gathered once so that the HTML and CSV writers show the same
 * figures: every evaluated run with its measurements and its comparison with the baseline run, the
 * recipes, the runs left out and why, and the environment.
 *
 * @param dataset   the dataset and split the project evaluates on, e.g. "fashion-mnist (test)"; null if unset
 * @param runs      the evaluated runs, in the project's order; the baseline among them
 * @param leftOut   runs that have no figures to report (failed, cancelled, not evaluated, model missing)
 * @param warnings  what loading the project found wrong, in plain words
 */
public record ProjectReport(String projectName, String dataset, Instant generated, Environment environment,
                            Run baseline, List<ReportRun> runs, List<LeftOut> leftOut, List<String> warnings) {

    /** A run the report names but cannot show figures for. */
    public record LeftOut(String runName, String reason) {
    }

    public ProjectReport {
        Objects.requireNonNull(baseline, "baseline");
        runs = List.copyOf(runs);
        leftOut = List.copyOf(leftOut);
        warnings = List.copyOf(warnings);
    }

    /** The report of a project now, on this machine, against its {@linkplain #chooseBaseline baseline run}. */
    public static ProjectReport of(Project project) {
        return of(project, null, Environment.current(), Instant.now());
    }

    /**
     * @param baselineRunId the run to compare the others with; null to {@linkplain #chooseBaseline choose it}
     * @throws ProjectException when the project has no evaluated run, or the chosen baseline is not one
     */
    public static ProjectReport of(Project project, String baselineRunId, Environment environment,
                                   Instant generated) {
        Run baseline = baselineRunId == null ? chooseBaseline(project) : project.run(baselineRunId)
                .filter(ProjectReport::isEvaluated)
                .orElseThrow(() -> new ProjectException("The run chosen as the baseline is not an evaluated run of"
                        + " the project \"" + project.name() + "\"."));
        Map<String, ComparisonRow> rows = RunComparison.rows(project, baseline).stream()
                .collect(Collectors.toMap(ComparisonRow::runId, Function.identity()));
        TechniqueRegistry registry = TechniqueRegistry.standard();
        List<ReportRun> runs = new ArrayList<>();
        List<LeftOut> leftOut = new ArrayList<>();
        for (Run r : project.runs()) {
            ComparisonRow row = rows.get(r.id());
            if (row == null) {
                leftOut.add(new LeftOut(r.name(), whyLeftOut(r)));
            } else {
                runs.add(new ReportRun(r, technique(registry, r.kind()), path(project, r), row));
            }
        }
        String dataset = project.dataset() == null ? null : project.dataset().spec()
                + (project.dataset().split() == null ? "" : " (" + project.dataset().split() + ")");
        return new ProjectReport(project.name(), dataset, generated, environment, baseline, runs, leftOut,
                project.loadWarnings());
    }

    /**
     * The run the others are compared with: the evaluation of the project's baseline model if there is
     * one, else the first plain evaluation, else the first evaluated run.
     *
     * @throws ProjectException when no run of the project has been evaluated
     */
    public static Run chooseBaseline(Project project) {
        List<Run> evaluated = project.runs().stream().filter(ProjectReport::isEvaluated).toList();
        List<Run> evaluations = evaluated.stream().filter(r -> Run.KIND_EVALUATE.equals(r.kind())).toList();
        Optional<Run> ofBaselineModel = evaluations.stream()
                .filter(r -> r.modelFile() != null && r.modelFile().equals(project.baselineModel())).findFirst();
        return ofBaselineModel.or(() -> evaluations.stream().findFirst()).or(() -> evaluated.stream().findFirst())
                .orElseThrow(() -> new ProjectException("The project \"" + project.name() + "\" has no evaluated"
                        + " run yet, so there is nothing to report: evaluate the baseline model first."));
    }

    /** The runs with figures, as the trade-off chart takes them. */
    public List<Run> evaluatedRuns() {
        return runs.stream().map(ReportRun::run).toList();
    }

    /**
     * The distinct machines and runtimes the runs were measured on, e.g. "AMD EPYC 7B13, ONNX Runtime 1.29.0":
     * one entry when all were measured alike, which is what makes their latencies comparable.
     */
    public List<String> measuredOn() {
        Set<String> out = new LinkedHashSet<>();
        for (ReportRun r : runs) {
            EvaluationResult e = r.result();
            out.add((e.cpu() == null ? "CPU not recorded" : e.cpu()) + ", "
                    + (e.runtime() == null ? "runtime not recorded" : e.runtime()));
        }
        return List.copyOf(out);
    }

    static boolean isEvaluated(Run r) {
        return r.result() != null && Run.FINISHED.equals(r.status());
    }

    private static String whyLeftOut(Run r) {
        String detail = r.message() == null || r.message().isBlank() ? "" : ": " + r.message();
        return switch (r.status()) {
            case Run.FAILED -> "failed" + detail;
            case Run.CANCELLED -> "cancelled" + detail;
            case Run.MISSING_MODEL -> "its model file is missing from the project folder" + detail;
            default -> r.result() == null ? "not evaluated" + detail : r.status() + detail;
        };
    }

    private static String technique(TechniqueRegistry registry, String kind) {
        if (Run.KIND_EVALUATE.equals(kind)) {
            return "evaluation";
        }
        try {
            return registry.find(kind).descriptor().title();
        } catch (InvalidRecipeException e) {
            return kind; // a technique of another version: its id still says what it was
        }
    }

    /** The names from the first model to {@code run}, following the parent runs; a removed parent is said so. */
    private static List<String> path(Project project, Run run) {
        Deque<String> names = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        Run current = run;
        while (current != null && seen.add(current.id())) {
            names.addFirst(current.name());
            String parent = current.parentRunId();
            if (parent == null) {
                break;
            }
            current = project.run(parent).orElse(null);
            if (current == null) {
                names.addFirst("(a run no longer in the project)");
            }
        }
        return List.copyOf(names);
    }
}

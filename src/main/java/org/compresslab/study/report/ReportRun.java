package org.compresslab.study.report;

import java.util.List;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.ComparisonRow;
import org.compresslab.study.Run;

/**
 * One evaluated run as a report shows it.
 *
 * @param technique  the technique's title (e.g. "Static int8 quantization"), or "evaluation" for a plain one
 * @param path       the run names from the first model to this run (a pipeline's steps), this run last
 * @param vsBaseline the run against the report's baseline (the baseline's own row compares it with itself)
 */
public record ReportRun(Run run, String technique, List<String> path, ComparisonRow vsBaseline) {

    public ReportRun {
        path = List.copyOf(path);
    }

    public EvaluationResult result() {
        return run.result();
    }

    /** The path as one line, e.g. "Baseline → Step 1: Magnitude pruning → Step 2: Static int8 quantization". */
    public String pathText() {
        return String.join(" → ", path);
    }
}

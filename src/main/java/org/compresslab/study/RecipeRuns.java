package org.compresslab.study;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.StepResult;
import org.compresslab.eval.EvaluationSettings;

/**
 * A recipe's finished steps as project runs: one run per step that made a model, each starting from the
 * previous one (so the chart can draw a pipeline's path), each carrying its own step as a reproducible
 * recipe. Analyses (sensitivity scans) made no model and become no run.
 */
public final class RecipeRuns {
    private RecipeRuns() {
    }

    /**
     * @param parentRunId the run whose model the recipe started from (usually the baseline evaluation)
     */
    public static List<Run> of(List<StepResult> steps, String parentRunId, EvaluationSettings settings) {
        List<Run> runs = new ArrayList<>();
        String parent = parentRunId;
        int i = 0;
        for (StepResult s : steps) {
            i++;
            if (s.evaluation() == null) {
                continue;
            }
            Run r = new Run(Run.newId(), "Step " + i + ": " + s.parameters().descriptor().title(), s.technique(),
                    Instant.now(), describe(s), RecipeJson.write(List.of(s.parameters())),
                    s.model() == null ? null : s.model().toString(), parent, settings, s.evaluation(), Run.FINISHED,
                    s.warnings().isEmpty() ? null : String.join("; ", s.warnings()));
            runs.add(r);
            parent = r.id();
        }
        return runs;
    }

    private static String describe(StepResult s) {
        StringBuilder b = new StringBuilder(s.parameters().descriptor().title());
        s.parameters().values().forEach((k, v) -> b.append(", ").append(k).append(' ').append(v));
        return b.toString();
    }
}

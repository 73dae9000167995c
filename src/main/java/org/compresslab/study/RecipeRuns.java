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
            Run r = step(s, "Step " + i + ": " + s.parameters().descriptor().title(), parent, settings);
            if (r != null) {
                runs.add(r);
                parent = r.id();
            }
        }
        return runs;
    }

    /**
     * The name of a step's run when a recipe was started as one named run: the name itself for a one-step
     * recipe, else "name · i/n step title" by the step's place in the recipe. The GUI's queue and
     * {@code compress --project} name runs alike.
     *
     * @param stepIndex 0-based place of the step in its recipe
     */
    public static String stepName(String runName, int stepIndex, int stepCount, StepResult step) {
        return stepCount == 1 ? runName : runName + " · " + (stepIndex + 1) + "/" + stepCount + " "
                + step.parameters().descriptor().title();
    }

    /**
     * One finished step as a run (as the workbench records them while a recipe is still going); null for
     * an analysis, which made no model.
     *
     * @param name what the user sees for the run
     */
    public static Run step(StepResult s, String name, String parentRunId, EvaluationSettings settings) {
        if (s.evaluation() == null) {
            return null;
        }
        return new Run(Run.newId(), name, s.technique(), Instant.now(), describe(s),
                RecipeJson.write(List.of(s.parameters())),
                s.model() == null ? null : s.model().toString(), parentRunId, settings, s.evaluation(), Run.FINISHED,
                s.warnings().isEmpty() ? null : String.join("; ", s.warnings()));
    }

    private static String describe(StepResult s) {
        StringBuilder b = new StringBuilder(s.parameters().descriptor().title());
        s.parameters().values().forEach((k, v) -> b.append(", ").append(k).append(' ').append(v));
        return b.toString();
    }
}

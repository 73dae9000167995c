package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.FineTuning;
import org.compresslab.compress.StepParameters;
import org.compresslab.graph.Graph;
import org.compresslab.train.ValueTransform;

/**
 * Pruning in {@code steps} equal steps towards a final share, fine-tuning after each step when the
 * step's {@code epochs} is above 0: a network adapts better to a little pruning at a time.
 */
final class IterativePruning {
    private IterativePruning() {
    }

    /** One pruning step, in place. */
    interface Step {
        /**
         * Prunes {@code g} to {@code target} of the final share's scale (cumulative) and returns what holds
         * the pruning in place while fine-tuning (e.g. a mask), or {@link ValueTransform#NONE}.
         */
        ValueTransform prune(Graph g, int step, int steps, double target);

        /** After fine-tuning: restore anything the optimiser may have disturbed. */
        default void afterFineTuning(Graph g) {
        }
    }

    record Result(Graph model, List<FineTuning.FineTuneReport> fineTuning, List<String> warnings) {
    }

    static Result run(Graph g, StepParameters p, double finalShare, CompressionContext ctx, Step step) {
        int steps = p.integer("steps");
        List<FineTuning.FineTuneReport> tuning = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        Graph current = g;
        for (int k = 1; k <= steps; k++) {
            ctx.cancel().throwIfCancelled();
            double from = (k - 1.0) / steps;
            ctx.progress().progress(from, String.format(java.util.Locale.ROOT, "step %d of %d: pruning to %.0f%%",
                    k, steps, 100 * finalShare * k / steps));
            ValueTransform hold = step.prune(current, k, steps, finalShare * k / steps);
            if (p.integer("epochs") > 0) {
                FineTuning.Result r = FineTuning.fineTune(current, p, hold, ctx, from + 0.1 / steps, k / (double) steps);
                current = r.model().graph();
                step.afterFineTuning(current);
                tuning.add(r.report());
                warnings.addAll(r.warnings());
            }
        }
        return new Result(current, tuning, warnings);
    }
}

package org.compresslab.compress;

import java.nio.file.Path;
import java.util.List;
import org.compresslab.eval.EvaluationResult;

/**
 * One finished recipe step: its parameters as run, the model it wrote, that model's evaluation (absent
 * for analyses, whose model is the one they analysed), its report and warnings.
 */
public record StepResult(StepParameters parameters, Path model, EvaluationResult evaluation, Object report,
                         List<String> warnings, double seconds) {
    public StepResult {
        warnings = List.copyOf(warnings);
    }

    public String technique() {
        return parameters.descriptor().id();
    }
}

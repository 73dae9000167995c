package org.compresslab.eval;

import org.compresslab.eval.stats.AgreementResult;
import org.compresslab.eval.stats.McNemarResult;
import org.compresslab.eval.stats.RatioEstimate;

/**
 * Two models measured on the same images, latency interleaved in one process. {@code speedup} is
 * latency of A over latency of B (median ratio with a bootstrap 95% interval): above 1 means B is faster.
 */
public record ComparisonResult(EvaluationResult a, EvaluationResult b, RatioEstimate speedup,
                               AgreementResult agreement, McNemarResult mcnemar) {
}

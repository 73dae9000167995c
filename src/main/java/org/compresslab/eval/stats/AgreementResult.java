package org.compresslab.eval.stats;

/**
 * How closely a compressed model's outputs follow the reference model's on the same images.
 *
 * @param n number of rows compared
 * @param top1Agreement fraction of rows whose argmax classes match; NaN when n == 0
 * @param meanKl mean KL(softmax(reference) || softmax(other)) in nats over rows with finite
 *     logits; NaN when there are none
 * @param meanCosine mean cosine similarity of the raw logit vectors over rows with finite
 *     logits; NaN when there are none
 */
public record AgreementResult(long n, double top1Agreement, double meanKl, double meanCosine) {
}

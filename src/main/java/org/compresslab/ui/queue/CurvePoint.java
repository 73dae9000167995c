package org.compresslab.ui.queue;

/**
 * One point of a run's live training curve.
 *
 * @param progress training done so far, counted in training phases (1.0 = the first phase's end, so a
 *                 pipeline that fine-tunes twice runs from 0 to 2)
 * @param loss     the batch's training loss
 */
public record CurvePoint(double progress, double loss) {
}

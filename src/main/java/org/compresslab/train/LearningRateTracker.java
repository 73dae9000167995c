package org.compresslab.train;

import ai.djl.training.tracker.Tracker;

/** Feeds the optimiser the schedule's rate for each update. */
final class LearningRateTracker implements Tracker {
    private final Schedule schedule;
    private final float peak;
    private final int totalSteps;

    LearningRateTracker(Schedule schedule, float peak, int totalSteps) {
        this.schedule = schedule;
        this.peak = peak;
        this.totalSteps = totalSteps;
    }

    @Override
    public float getNewValue(int numUpdate) {
        // DJL counts updates from 1
        return schedule.rate(peak, Math.max(0, numUpdate - 1), totalSteps);
    }
}

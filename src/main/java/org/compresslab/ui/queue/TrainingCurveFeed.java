package org.compresslab.ui.queue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.compresslab.train.TrainingListener;
import org.compresslab.ui.tasks.UiThread;

/**
 * Carries batch losses from the training thread to a run's curve: points are buffered and handed to the
 * UI thread in batches, at most one hand-over pending and at most four a second (each one re-lays out
 * the chart), and at every epoch's end, so a fast training loop cannot flood the UI thread. A phase starts
 * again when the fraction falls (the next step that trains).
 */
final class TrainingCurveFeed implements TrainingListener {
    private final QueuedRun run;
    private final UiThread ui;
    private final ConcurrentLinkedQueue<CurvePoint> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean handOverQueued = new AtomicBoolean();
    private static final long HAND_OVER_INTERVAL_NANOS = 250_000_000L;
    private long lastHandOver = System.nanoTime() - HAND_OVER_INTERVAL_NANOS;
    private int phase;
    private double lastFraction = -1;

    TrainingCurveFeed(QueuedRun run, UiThread ui) {
        this.run = run;
        this.ui = ui;
    }

    @Override
    public void onBatch(int epoch, double fraction, double loss) {
        if (fraction < lastFraction) {
            phase++;
        }
        lastFraction = fraction;
        if (!Double.isFinite(loss)) {
            return; // the trainer itself stops on NaN and says so; a chart cannot draw it
        }
        pending.add(new CurvePoint(phase + fraction, loss));
        if (System.nanoTime() - lastHandOver >= HAND_OVER_INTERVAL_NANOS) {
            queueHandOver();
        }
    }

    @Override
    public void onEpoch(org.compresslab.train.EpochStats stats) {
        queueHandOver();
    }

    private void queueHandOver() {
        lastHandOver = System.nanoTime();
        if (handOverQueued.compareAndSet(false, true)) {
            ui.run(this::handOver);
        }
    }

    private void handOver() {
        handOverQueued.set(false);
        List<CurvePoint> batch = new ArrayList<>();
        CurvePoint p;
        while ((p = pending.poll()) != null) {
            batch.add(p);
        }
        if (!batch.isEmpty()) {
            run.addCurve(batch);
        }
    }
}

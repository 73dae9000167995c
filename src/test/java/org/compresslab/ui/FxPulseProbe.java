package org.compresslab.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;

/**
 * Measures how long the FX thread takes to run a posted event: every 10 ms (when none is pending) a
 * probe posts one and records the wait. The longest wait is the longest the UI was unresponsive.
 */
final class FxPulseProbe implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-pulse-probe");
        t.setDaemon(true);
        return t;
    });
    private final List<Double> waitsMs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<String> slow = Collections.synchronizedList(new ArrayList<>());
    private final long started = System.nanoTime();

    FxPulseProbe start() {
        timer.scheduleAtFixedRate(() -> {
            if (!pending.compareAndSet(false, true)) {
                return;
            }
            long posted = System.nanoTime();
            Platform.runLater(() -> {
                double ms = (System.nanoTime() - posted) / 1e6;
                waitsMs.add(ms);
                if (ms > 100) {
                    slow.add(String.format(Locale.ROOT, "%.0f ms at %.1f s", ms, (posted - started) / 1e9));
                }
                pending.set(false);
            });
        }, 0, 10, TimeUnit.MILLISECONDS);
        return this;
    }

    /** The waits so far, sorted. */
    List<Double> waits() {
        synchronized (waitsMs) {
            List<Double> copy = new ArrayList<>(waitsMs);
            Collections.sort(copy);
            return copy;
        }
    }

    double maxMs() {
        List<Double> w = waits();
        return w.isEmpty() ? Double.NaN : w.get(w.size() - 1);
    }

    String summary() {
        List<Double> w = waits();
        if (w.isEmpty()) {
            return "no probes";
        }
        return String.format(Locale.ROOT, "%d probes; FX-thread wait median %.2f ms, p99 %.2f ms, max %.1f ms; "
                        + "%d over 100 ms", w.size(), w.get(w.size() / 2), w.get((int) Math.floor(0.99 * (w.size() - 1))),
                w.get(w.size() - 1), w.stream().filter(x -> x > 100).count()) + (slow.isEmpty() ? "" : " " + slow);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

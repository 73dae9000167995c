package org.compresslab.ui.tasks;

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
 * probe posts one and records the wait. The longest wait is the longest the UI was unresponsive. Used by
 * the UI test of the whole flow and by {@code bench/FxResponsivenessBench}.
 */
public final class FxPulseProbe implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-pulse-probe");
        t.setDaemon(true);
        return t;
    });
    private final List<Double> waitsMs = Collections.synchronizedList(new ArrayList<>());
    private final AtomicBoolean pending = new AtomicBoolean();
    private final List<String> slow = Collections.synchronizedList(new ArrayList<>());
    private final long started = System.nanoTime();
    private final java.util.Map<String, Integer> stalledIn = new java.util.TreeMap<>();
    private volatile long postedAt;
    private volatile Thread fxThread;

    public FxPulseProbe start() {
        timer.scheduleAtFixedRate(() -> {
            if (!pending.compareAndSet(false, true)) {
                sampleIfStalled();
                return;
            }
            long posted = System.nanoTime();
            postedAt = posted;
            Platform.runLater(() -> {
                fxThread = Thread.currentThread();
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

    /** While a probe has waited over 50 ms, notes where the FX thread is: what it waits for, not a guess. */
    private void sampleIfStalled() {
        Thread fx = fxThread;
        if (fx == null || System.nanoTime() - postedAt < 50_000_000L) {
            return;
        }
        StackTraceElement[] stack = fx.getStackTrace();
        String where = "(no frame)";
        for (StackTraceElement e : stack) {
            String c = e.getClassName();
            if (c.startsWith("org.compresslab") || !(c.startsWith("java.") || c.startsWith("jdk.")
                    || c.startsWith("sun.") || c.startsWith("com.sun.glass") || c.startsWith("com.sun.javafx.tk")
                    || c.startsWith("com.sun.javafx.application"))) {
                where = c.substring(c.lastIndexOf('.') + 1) + "." + e.getMethodName();
                break;
            }
        }
        if (stack.length > 0 && "waitForRenderingToComplete".equals(findMethod(stack, "waitForRenderingToComplete"))) {
            where = "waiting for the renderer (" + where + ")";
        }
        synchronized (stalledIn) {
            stalledIn.merge(where, 1, Integer::sum);
        }
    }

    private static String findMethod(StackTraceElement[] stack, String name) {
        for (StackTraceElement e : stack) {
            if (e.getMethodName().equals(name)) {
                return name;
            }
        }
        return null;
    }

    /** Where the FX thread was, sampled every 10 ms while a probe waited over 50 ms: frame → samples. */
    public java.util.Map<String, Integer> stalledIn() {
        synchronized (stalledIn) {
            return new java.util.TreeMap<>(stalledIn);
        }
    }

    /** The waits so far, sorted. */
    public List<Double> waits() {
        synchronized (waitsMs) {
            List<Double> copy = new ArrayList<>(waitsMs);
            Collections.sort(copy);
            return copy;
        }
    }

    public double maxMs() {
        List<Double> w = waits();
        return w.isEmpty() ? Double.NaN : w.get(w.size() - 1);
    }

    public String summary() {
        List<Double> w = waits();
        if (w.isEmpty()) {
            return "no probes";
        }
        return String.format(Locale.ROOT, "%d probes; FX-thread wait median %.2f ms, p99 %.2f ms, max %.1f ms; "
                        + "%d over 100 ms", w.size(), w.get(w.size() / 2), w.get((int) Math.floor(0.99 * (w.size() - 1))),
                w.get(w.size() - 1), w.stream().filter(x -> x > 100).count()) + (slow.isEmpty() ? "" : " " + slow)
                + (stalledIn().isEmpty() ? "" : "; FX thread sampled during waits over 50 ms: " + stalledIn());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

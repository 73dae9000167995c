package org.compresslab.ui.tasks;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.progress.CancelledException;
import org.compresslab.progress.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link BackgroundTask}s: exclusive ones one after another on the measurement lane, others at
 * once on the light lane. Progress reaches the UI thread coalesced (at most one pending update per
 * task), so a fast engine loop cannot flood the FX event queue. Tests build it with same-thread
 * executors and get every callback synchronously.
 */
public final class TaskExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(TaskExecutor.class);

    private final java.util.concurrent.Executor exclusiveLane;
    private final java.util.concurrent.Executor lightLane;
    private final UiThread ui;
    private final long progressIntervalNanos;
    private final ScheduledExecutorService throttle;
    private final ObservableList<TaskEntry> tasks = FXCollections.observableArrayList();

    public TaskExecutor(java.util.concurrent.Executor exclusiveLane, java.util.concurrent.Executor lightLane, UiThread ui) {
        this(exclusiveLane, lightLane, ui, 0);
    }

    /** @param progressIntervalMillis the least time between two progress updates of a task on the UI */
    private TaskExecutor(java.util.concurrent.Executor exclusiveLane, java.util.concurrent.Executor lightLane,
                         UiThread ui, long progressIntervalMillis) {
        this.exclusiveLane = exclusiveLane;
        this.lightLane = lightLane;
        this.ui = ui;
        this.progressIntervalNanos = TimeUnit.MILLISECONDS.toNanos(progressIntervalMillis);
        this.throttle = progressIntervalMillis > 0
                ? Executors.newSingleThreadScheduledExecutor(daemon("compresslab-progress")) : null;
    }

    /** The application's executor: daemon worker threads, callbacks on the FX thread. */
    public static TaskExecutor forFx() {
        return new TaskExecutor(Executors.newSingleThreadExecutor(daemon("compresslab-measure")),
                Executors.newCachedThreadPool(daemon("compresslab-worker")), UiThread.fx(), 100);
    }

    /** Everything runs in the caller's thread: for view-model tests. */
    public static TaskExecutor sameThread() {
        return new TaskExecutor(Runnable::run, Runnable::run, UiThread.sameThread());
    }

    /** Where this executor runs its callbacks; for view-models that hand their own updates to the UI. */
    public UiThread ui() {
        return ui;
    }

    /** Submitted tasks, newest last; changes on the UI thread. */
    public ObservableList<TaskEntry> tasks() {
        return tasks;
    }

    public <T> TaskEntry submit(BackgroundTask<T> task) {
        TaskEntry entry = new TaskEntry(task.title());
        if (task.isExclusive()) {
            // not yet visible to anyone: safe to set off the UI thread
            entry.setProgress(-1, "waiting for other measurements to finish");
        }
        ui.run(() -> tasks.add(entry));
        (task.isExclusive() ? exclusiveLane : lightLane).execute(() -> runTask(task, entry));
        return entry;
    }

    private <T> void runTask(BackgroundTask<T> task, TaskEntry entry) {
        if (entry.token().isCancelled()) {
            ui.run(() -> finishCancelled(task, entry));
            return;
        }
        entry.markStarted();
        ui.run(() -> entry.setState(TaskState.RUNNING));
        ProgressListener progress = coalescingProgress(entry);
        T result;
        try {
            result = task.work().run(progress, entry.token());
        } catch (CancelledException e) {
            entry.markFinished();
            ui.run(() -> finishCancelled(task, entry));
            return;
        } catch (Throwable e) {
            entry.markFinished();
            if (entry.token().isCancelled()) {
                ui.run(() -> finishCancelled(task, entry));
                return;
            }
            LOG.debug("task '{}' failed", task.title(), e);
            ui.run(() -> {
                entry.setError(UserMessages.plain(e), e);
                entry.setState(TaskState.FAILED);
                entry.setProgress(entry.progressProperty().get(), "failed");
                task.failureCallback().accept(e);
            });
            return;
        }
        entry.markFinished();
        ui.run(() -> {
            entry.setProgress(1.0, "done");
            entry.setState(TaskState.SUCCEEDED);
            task.successCallback().accept(result);
        });
    }

    private static <T> void finishCancelled(BackgroundTask<T> task, TaskEntry entry) {
        entry.setProgress(entry.progressProperty().get(), "cancelled");
        entry.setState(TaskState.CANCELLED);
        task.cancelledCallback().run();
    }

    /**
     * Progress reaches the UI coalesced (one hand-over pending at a time) and at most every
     * {@code progressInterval}: a progress bar needs no more, and every update repaints, which costs the
     * UI thread time that a running engine on the other core makes scarce.
     */
    private ProgressListener coalescingProgress(TaskEntry entry) {
        AtomicReference<double[]> latestFraction = new AtomicReference<>();
        AtomicReference<String> latestMessage = new AtomicReference<>();
        AtomicLong lastHandOver = new AtomicLong(System.nanoTime() - progressIntervalNanos);
        Runnable handOver = () -> ui.run(() -> {
            lastHandOver.set(System.nanoTime());
            double[] f = latestFraction.getAndSet(null);
            if (f != null && !entry.state().isDone()) {
                entry.setProgress(f[0], latestMessage.get());
            }
        });
        return (fraction, message) -> {
            latestMessage.set(message);
            if (latestFraction.getAndSet(new double[] {fraction}) == null) {
                long wait = progressIntervalNanos - (System.nanoTime() - lastHandOver.get());
                if (wait <= 0 || throttle == null) {
                    handOver.run();
                } else {
                    throttle.schedule(handOver, wait, TimeUnit.NANOSECONDS);
                }
            }
        };
    }

    /** Cancels every task that has not finished (used when the app quits). */
    public void cancelAll() {
        for (TaskEntry e : java.util.List.copyOf(tasks)) {
            if (!e.state().isDone()) {
                e.cancel();
            }
        }
    }

    public boolean hasRunningTasks() {
        return tasks.stream().anyMatch(e -> !e.state().isDone());
    }

    /** Removes finished tasks from the list. */
    public void clearFinished() {
        tasks.removeIf(e -> e.state().isDone());
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Shuts the lanes down if they are executor services. */
    public void shutdown() {
        for (java.util.concurrent.Executor ex : new java.util.concurrent.Executor[] {exclusiveLane, lightLane, throttle}) {
            if (ex instanceof ExecutorService es) {
                es.shutdownNow();
            }
        }
    }
}

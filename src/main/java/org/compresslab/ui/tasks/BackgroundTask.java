package org.compresslab.ui.tasks;

import java.util.function.Consumer;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;

/**
 * A piece of long work for the {@link TaskExecutor}: a title, the work itself (run on a worker
 * thread, reporting progress and checking the token), and callbacks that run on the UI thread.
 * Exclusive tasks (measurements, training) run one at a time so they don't disturb each other's timings.
 */
public final class BackgroundTask<T> {
    /** The work; runs on a worker thread and must not touch the UI. */
    @FunctionalInterface
    public interface Work<T> {
        T run(ProgressListener progress, CancellationToken cancel) throws Exception;
    }

    private final String title;
    private final Work<T> work;
    private boolean exclusive;
    private Consumer<T> onSuccess = r -> { };
    private Consumer<Throwable> onFailure = e -> { };
    private Runnable onCancelled = () -> { };

    private BackgroundTask(String title, Work<T> work) {
        this.title = title;
        this.work = work;
    }

    public static <T> BackgroundTask<T> of(String title, Work<T> work) {
        return new BackgroundTask<>(title, work);
    }

    /** Queue this task behind other exclusive tasks instead of running it at once. */
    public BackgroundTask<T> exclusive() {
        this.exclusive = true;
        return this;
    }

    public BackgroundTask<T> onSuccess(Consumer<T> callback) {
        this.onSuccess = callback;
        return this;
    }

    public BackgroundTask<T> onFailure(Consumer<Throwable> callback) {
        this.onFailure = callback;
        return this;
    }

    public BackgroundTask<T> onCancelled(Runnable callback) {
        this.onCancelled = callback;
        return this;
    }

    public String title() {
        return title;
    }

    public boolean isExclusive() {
        return exclusive;
    }

    Work<T> work() {
        return work;
    }

    Consumer<T> successCallback() {
        return onSuccess;
    }

    Consumer<Throwable> failureCallback() {
        return onFailure;
    }

    Runnable cancelledCallback() {
        return onCancelled;
    }
}

package org.compresslab.ui.tasks;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * A page's one background task as its view shows it: busy from {@link #start} until {@link #finish},
 * progress and status following the task's own meanwhile, and the page's closing message after it.
 * The page's task callbacks must each end in {@link #finish}. FX thread only.
 */
public final class RunningTask {
    static final String WAITING = "Waiting for other measurements to finish…";

    private final TaskExecutor tasks;
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("");
    private TaskEntry entry;

    public RunningTask(TaskExecutor tasks) {
        this.tasks = tasks;
    }

    /** Submits {@code task} and shows its progress; the caller checks {@link #isBusy()} first. */
    public void start(BackgroundTask<?> task) {
        busy.set(true);
        progress.set(-1);
        status.set(WAITING);
        TaskEntry submitted = tasks.submit(task);
        // a same-thread executor has run it (and its finish) already: nothing is left to follow
        if (!submitted.state().isDone()) {
            entry = submitted;
            progress.bind(submitted.progressProperty());
            status.bind(submitted.messageProperty());
        }
    }

    /** Ends the task's display with the page's own words about its outcome. */
    public void finish(String message) {
        progress.unbind();
        status.unbind();
        progress.set(0);
        status.set(message);
        busy.set(false);
        entry = null;
    }

    /** Asks the running task, if any, to stop; its cancelled callback finishes it later. */
    public void cancel() {
        if (entry != null && entry.state() != TaskState.CANCELLED) {
            entry.cancel();
        }
    }

    public boolean isBusy() {
        return busy.get();
    }

    /** A message of the page's own, e.g. why it cannot start; not while a task runs (its message shows then). */
    public void setStatus(String message) {
        // a page action while its task runs (e.g. the atlas queueing a run mid-analysis) must not fail:
        // the task's own message stays until it finishes
        if (!status.isBound()) {
            status.set(message);
        }
    }

    /** Clears the page's own message; a running task's message stays until it finishes. */
    public void clearStatus() {
        if (!status.isBound()) {
            status.set("");
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** 0..1, or negative while the amount of work is unknown; 0 when idle. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty statusProperty() {
        return status;
    }
}

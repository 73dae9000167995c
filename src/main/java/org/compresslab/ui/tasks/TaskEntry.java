package org.compresslab.ui.tasks;

import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.compresslab.progress.CancellationToken;

/**
 * One submitted task as the UI sees it: title, state, progress, latest message, error and timing.
 * Properties change only on the UI thread.
 */
public final class TaskEntry {
    private final String title;
    private final CancellationToken token = new CancellationToken();
    private final ObjectProperty<TaskState> state = new SimpleObjectProperty<>(TaskState.QUEUED);
    private final DoubleProperty progress = new SimpleDoubleProperty(-1);
    private final StringProperty message = new SimpleStringProperty("waiting");
    private final StringProperty error = new SimpleStringProperty();
    private final ObjectProperty<Throwable> errorDetails = new SimpleObjectProperty<>();
    private volatile Instant started;
    private volatile Instant finished;

    TaskEntry(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }

    public ReadOnlyObjectProperty<TaskState> stateProperty() {
        return state;
    }

    public TaskState state() {
        return state.get();
    }

    /** 0..1, or negative while the amount of work is unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** A plain-words description of the failure, null unless the task failed. */
    public ReadOnlyStringProperty errorProperty() {
        return error;
    }

    public ReadOnlyObjectProperty<Throwable> errorDetailsProperty() {
        return errorDetails;
    }

    /** Asks the task to stop; the engine stops between batches and the task ends as CANCELLED. */
    public void cancel() {
        // only the token: this may be called from any thread (e.g. when the app quits)
        token.cancel();
    }

    public boolean isCancelRequested() {
        return token.isCancelled();
    }

    CancellationToken token() {
        return token;
    }

    /** Time spent running so far (or in total once finished). */
    public Duration elapsed() {
        Instant s = started;
        if (s == null) {
            return Duration.ZERO;
        }
        Instant f = finished;
        return Duration.between(s, f == null ? Instant.now() : f);
    }

    void markStarted() {
        started = Instant.now();
    }

    void markFinished() {
        finished = Instant.now();
    }

    void setState(TaskState s) {
        state.set(s);
    }

    void setProgress(double fraction, String text) {
        progress.set(fraction);
        if (text != null) {
            message.set(text);
        }
    }

    void setError(String plain, Throwable details) {
        error.set(plain);
        errorDetails.set(details);
    }
}

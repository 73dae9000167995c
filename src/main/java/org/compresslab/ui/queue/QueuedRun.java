package org.compresslab.ui.queue;

import java.util.List;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.study.CompressionJob;
import org.compresslab.ui.tasks.TaskEntry;

/**
 * A run in the queue as the user watches it: its request, the task that runs it (state, progress,
 * message, cancel), how many steps are done, the live training curve and notes. Changes on the UI thread.
 */
public final class QueuedRun {
    private final CompressionJob.Request request;
    private final ReadOnlyObjectWrapper<TaskEntry> task = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper stepsDone = new ReadOnlyIntegerWrapper(0);
    private final ObservableList<CurvePoint> curve = FXCollections.observableArrayList();
    private final ObservableList<CurvePoint> curveView = FXCollections.unmodifiableObservableList(curve);
    private final ReadOnlyStringWrapper notes = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");

    QueuedRun(CompressionJob.Request request) {
        this.request = request;
    }

    public CompressionJob.Request request() {
        return request;
    }

    public String title() {
        return request.title();
    }

    public int stepCount() {
        return request.recipe().steps().size();
    }

    /** The task running it; set once queued. */
    public ReadOnlyObjectProperty<TaskEntry> taskProperty() {
        return task.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty stepsDoneProperty() {
        return stepsDone.getReadOnlyProperty();
    }

    /** The training loss so far (every phase that trains, one after another). */
    public ObservableList<CurvePoint> curve() {
        return curveView;
    }

    /** What the run noted on the way (e.g. a split that was missing). */
    public ReadOnlyStringProperty notesProperty() {
        return notes.getReadOnlyProperty();
    }

    /** How it ended, in plain words; empty while it runs. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    /** Asks the run to stop; the steps that finished stay in the project. */
    public void cancel() {
        TaskEntry t = task.get();
        if (t != null) {
            t.cancel();
        }
    }

    void setTask(TaskEntry entry) {
        task.set(entry);
    }

    void stepDone() {
        stepsDone.set(stepsDone.get() + 1);
    }

    void addCurve(List<CurvePoint> points) {
        curve.addAll(points);
    }

    void addNote(String note) {
        notes.set(notes.get().isEmpty() ? note : notes.get() + "\n" + note);
    }

    void setOutcome(String text) {
        outcome.set(text);
    }
}

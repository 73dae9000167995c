package org.compresslab.ui.changes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.study.ModelDiff;
import org.compresslab.study.ModelDiffText;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;

/**
 * The "What changed" page: for the selected run, the layers it changed in the model it started from
 * (its parent run's model, else the baseline), the nodes it added and removed, and the totals — in
 * words, for teaching. The diff is computed in the background (reading two models); selecting
 * another run cancels a diff still being computed. FX thread only.
 */
public final class WhatChangedViewModel {
    static final String NO_RUNS = "No compression runs yet: compress the model, and this page shows what each run"
            + " changed in it, layer by layer.";
    static final String CHOOSE = "Choose a run to see what it changed in its model.";

    private final TaskExecutor tasks;
    private final ObservableList<Run> runs;
    private final Supplier<Project> project;

    private final ObjectProperty<Run> selectedRun = new SimpleObjectProperty<>();
    private final ObservableList<Run> choices = FXCollections.observableArrayList();
    private final ObservableList<Run> choicesView = FXCollections.unmodifiableObservableList(choices);
    private final ObservableList<ChangeRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ChangeRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> highlights = FXCollections.observableArrayList();
    private final ObservableList<String> highlightsView = FXCollections.unmodifiableObservableList(highlights);
    private final ObservableList<String> totals = FXCollections.observableArrayList();
    private final ObservableList<String> totalsView = FXCollections.unmodifiableObservableList(totals);
    private final StringProperty summary = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final ObjectProperty<ModelDiff> diff = new SimpleObjectProperty<>();
    private TaskEntry running;

    public WhatChangedViewModel(TaskExecutor tasks, ObservableList<Run> runs, Supplier<Project> project) {
        this.tasks = tasks;
        this.runs = runs;
        this.project = project;
        runs.addListener((ListChangeListener<Run>) c -> followRuns());
        selectedRun.addListener((o, was, now) -> update());
        followRuns();
        update();
    }

    /** The run list changed: new choices; the selected run follows its newer version, or goes if it is gone. */
    private void followRuns() {
        choices.setAll(runs.stream().filter(r -> r.modelFile() != null && !Run.KIND_EVALUATE.equals(r.kind())).toList());
        Run selected = selectedRun.get();
        if (selected != null) {
            Optional<Run> now = runs.stream().filter(r -> r.id().equals(selected.id())).findFirst();
            selectedRun.set(now.orElse(null));
        } else {
            update(); // the empty-state message depends on whether there are runs at all
        }
    }

    private void update() {
        if (running != null) {
            running.cancel();
            running = null;
        }
        diff.set(null);
        rows.clear();
        highlights.clear();
        totals.clear();
        summary.set("");
        busy.set(false);
        Run run = selectedRun.get();
        Project p = project.get();
        if (run == null || p == null) {
            message.set(choices.isEmpty() ? NO_RUNS : CHOOSE);
            return;
        }
        if (Run.KIND_EVALUATE.equals(run.kind())) {
            message.set("“" + run.name() + "” measured a model without changing it: choose a compression run.");
            return;
        }
        ModelDiff.Sources sources;
        try {
            sources = ModelDiff.sources(p, run);
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        busy.set(true);
        message.set("Reading the two models…");
        TaskEntry entry = tasks.submit(BackgroundTask.of("What changed in " + run.name(), (progress, cancel) -> sources.compute())
                .onSuccess(d -> {
                    if (selectedRun.get() != run) {
                        return; // another run was chosen meanwhile: its own diff is on the way
                    }
                    show(d);
                })
                .onFailure(e -> {
                    if (selectedRun.get() == run) {
                        busy.set(false);
                        message.set("Cannot show what changed: " + UserMessages.plain(e));
                    }
                }));
        // a same-thread executor has finished already; only a task still going needs cancelling later
        running = entry.state().isDone() ? null : entry;
    }

    private void show(ModelDiff d) {
        running = null;
        busy.set(false);
        diff.set(d);
        rows.setAll(d.changed().stream().map(ChangeRow::of).toList());
        List<String> lines = new ArrayList<>(ModelDiffText.highlights(d));
        d.removed().forEach(g -> lines.add(ModelDiffText.group(g, false)));
        d.added().forEach(g -> lines.add(ModelDiffText.group(g, true)));
        highlights.setAll(lines.stream().distinct().toList());
        totals.setAll(ModelDiffText.totals(d.totals()));
        summary.set(ModelDiffText.summary(d));
        message.set(d.isEmpty() ? "“" + selectedRun.get().name() + "” left every layer as it was." : "");
    }

    // ---- properties ----------------------------------------------------------------------------

    /** Input: the run to explain; bind it to a runs table's selection, or let the page's chooser set it. */
    public ObjectProperty<Run> selectedRunProperty() {
        return selectedRun;
    }

    /** The runs that made a model, for the page's chooser. */
    public ObservableList<Run> choices() {
        return choicesView;
    }

    public ObservableList<ChangeRow> rows() {
        return rowsView;
    }

    /** The take-aways and the added and removed nodes, one sentence each. */
    public ObservableList<String> highlights() {
        return highlightsView;
    }

    public ObservableList<String> totals() {
        return totalsView;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary;
    }

    /** What to do, what is happening, or what went wrong; empty when the diff is shown. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ReadOnlyObjectProperty<ModelDiff> diffProperty() {
        return diff;
    }
}

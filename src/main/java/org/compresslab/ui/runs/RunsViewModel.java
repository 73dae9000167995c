package org.compresslab.ui.runs;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.study.Run;

/** The project's runs as table rows, kept in step with the project's run list. */
public final class RunsViewModel {
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();

    private final javafx.beans.property.ObjectProperty<Run> selected;

    public RunsViewModel(ObservableList<Run> runs) {
        this(runs, new javafx.beans.property.SimpleObjectProperty<>());
    }

    /** @param selected the workbench's selected run, which the table follows and sets */
    public RunsViewModel(ObservableList<Run> runs, javafx.beans.property.ObjectProperty<Run> selected) {
        this.selected = selected;
        runs.addListener((ListChangeListener<Run>) c -> rows.setAll(runs.stream().map(RunRow::of).toList()));
        rows.setAll(runs.stream().map(RunRow::of).toList());
    }

    public javafx.beans.property.ObjectProperty<Run> selectedProperty() {
        return selected;
    }

    public ObservableList<RunRow> rows() {
        return rows;
    }
}

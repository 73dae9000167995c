package org.compresslab.ui.runs;

import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.study.Run;

/** The project's runs as table rows, kept in step with the project's run list. */
public final class RunsViewModel {
    private final ObservableList<RunRow> rows = FXCollections.observableArrayList();

    public RunsViewModel(ObservableList<Run> runs) {
        runs.addListener((ListChangeListener<Run>) c -> rows.setAll(runs.stream().map(RunRow::of).toList()));
        rows.setAll(runs.stream().map(RunRow::of).toList());
    }

    public ObservableList<RunRow> rows() {
        return rows;
    }
}

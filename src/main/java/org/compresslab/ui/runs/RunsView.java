package org.compresslab.ui.runs;

import java.io.IOException;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The table of the project's runs. */
public final class RunsView {
    private final RunsViewModel vm;

    @FXML private TableView<RunRow> table;
    @FXML private TableColumn<RunRow, String> nameColumn;
    @FXML private TableColumn<RunRow, String> createdColumn;
    @FXML private TableColumn<RunRow, String> statusColumn;
    @FXML private TableColumn<RunRow, String> accuracyColumn;
    @FXML private TableColumn<RunRow, String> latencyColumn;
    @FXML private TableColumn<RunRow, String> runtimeColumn;
    @FXML private TableColumn<RunRow, String> sizeColumn;
    @FXML private TableColumn<RunRow, String> descriptionColumn;

    private RunsView(RunsViewModel vm) {
        this.vm = vm;
    }

    public static Parent load(RunsViewModel vm) {
        FXMLLoader loader = new FXMLLoader(RunsView.class.getResource("Runs.fxml"));
        loader.setControllerFactory(c -> new RunsView(vm));
        try {
            return loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Runs.fxml", e);
        }
    }

    @FXML
    private void initialize() {
        text(nameColumn, RunRow::name);
        text(createdColumn, RunRow::created);
        text(statusColumn, RunRow::status);
        text(accuracyColumn, RunRow::top1Text);
        accuracyColumn.setComparator(null);
        text(latencyColumn, RunRow::p50Text);
        text(runtimeColumn, RunRow::runtime);
        text(sizeColumn, RunRow::sizeText);
        text(descriptionColumn, RunRow::description);
        // numeric columns sort by the number, not the text
        accuracyColumn.setSortable(false);
        latencyColumn.setSortable(false);
        sizeColumn.setSortable(false);
        table.setItems(vm.rows());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, row) -> {
            if (row != null) {
                vm.selectedProperty().set(row.run());
            }
        });
        vm.selectedProperty().addListener((o, was, run) -> selectRow(run));
        vm.rows().addListener((javafx.collections.ListChangeListener<RunRow>) c -> selectRow(vm.selectedProperty().get()));
        selectRow(vm.selectedProperty().get());
        table.setPlaceholder(new Label("No runs yet: evaluate the model on the Evaluate page."));
    }

    private void selectRow(org.compresslab.study.Run run) {
        if (run == null) {
            return;
        }
        vm.rows().stream().filter(r -> r.run().id().equals(run.id())).findFirst().ifPresent(r -> {
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        });
    }

    private static void text(TableColumn<RunRow, String> column, Function<RunRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(value.apply(c.getValue())));
    }
}

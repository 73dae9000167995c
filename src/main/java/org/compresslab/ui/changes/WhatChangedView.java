package org.compresslab.ui.changes;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.compresslab.study.Run;

/** The "What changed" page: a run chooser, the take-aways and totals in words, and the table of changed layers. */
public final class WhatChangedView {
    private WhatChangedView() {
    }

    public static Parent load(WhatChangedViewModel vm) {
        ComboBox<Run> chooser = new ComboBox<>(vm.choices());
        chooser.setId("changesRunChooser");
        chooser.setPromptText("Choose a run");
        chooser.setConverter(new StringConverter<>() {
            @Override
            public String toString(Run r) {
                return r == null ? "" : r.name();
            }

            @Override
            public Run fromString(String s) {
                return null;
            }
        });
        chooser.valueProperty().bindBidirectional(vm.selectedRunProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        spinner.visibleProperty().bind(vm.busyProperty());
        Label summary = new Label();
        summary.setId("changesSummary");
        summary.textProperty().bind(vm.summaryProperty());
        HBox bar = new HBox(10, new Label("Run:"), chooser, spinner, summary);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("changesMessage");
        message.setWrapText(true);
        message.getStyleClass().add("empty-state");
        message.textProperty().bind(vm.messageProperty());
        message.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        VBox highlights = lines(vm.highlights(), "changesHighlights", "• ");
        VBox totals = lines(vm.totals(), "changesTotals", "");
        Label totalsTitle = new Label("Totals");
        totalsTitle.getStyleClass().add("section-title");
        totalsTitle.visibleProperty().bind(vm.diffProperty().isNotNull());
        totalsTitle.managedProperty().bind(totalsTitle.visibleProperty());
        HBox facts = new HBox(24, highlights, new VBox(2, totalsTitle, totals));

        VBox top = new VBox(8, bar, message, facts);
        top.setPadding(new Insets(8));
        BorderPane root = new BorderPane(table(vm));
        root.setTop(top);
        // The chooser's bidirectional binding and the labels' bindings hold the view-model only weakly: without
        // this, a page whose runs list nobody else holds lost its view-model to the garbage collector and the
        // chooser stopped reaching it (WhatChangedViewTest failed after memory-hungry tests).
        root.getProperties().put(WhatChangedViewModel.class, vm);
        return root;
    }

    private static VBox lines(ObservableList<String> source, String id, String prefix) {
        VBox box = new VBox(2);
        box.setId(id);
        source.addListener((ListChangeListener<String>) c -> box.getChildren().setAll(source.stream().map(s -> {
            Label l = new Label(prefix + s);
            l.setWrapText(true);
            l.setMaxWidth(640);
            return l;
        }).toList()));
        return box;
    }

    private static TableView<ChangeRow> table(WhatChangedViewModel vm) {
        TableView<ChangeRow> table = new TableView<>();
        table.setId("changesTable");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        TableColumn<ChangeRow, String> weights = new TableColumn<>("Weights");
        weights.getColumns().addAll(List.of(text("before", ChangeRow::weightsBefore, 150),
                text("after", ChangeRow::weightsAfter, 165)));
        TableColumn<ChangeRow, Long> params = new TableColumn<>("Params");
        params.getColumns().addAll(List.of(count("before", ChangeRow::paramsBefore),
                count("after", ChangeRow::paramsAfter), count("non-zero", ChangeRow::nonZeroAfter)));
        table.getColumns().addAll(List.of(text("Layer", ChangeRow::layer, 150), text("Op", ChangeRow::op, 110),
                weights, params, withTooltips(text("What changed", ChangeRow::change, 380))));
        SortedList<ChangeRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = new Label("No changed layers to show.");
        placeholder.getStyleClass().add("hint");
        table.setPlaceholder(placeholder);
        return table;
    }

    private static TableColumn<ChangeRow, String> text(String title, Function<ChangeRow, String> value, double width) {
        TableColumn<ChangeRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** The sentence can be longer than the column: hovering shows all of it. */
    private static TableColumn<ChangeRow, String> withTooltips(TableColumn<ChangeRow, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null ? null : new Tooltip(item));
            }
        });
        return c;
    }

    /** Counts sort as numbers and read with thousands separators. */
    private static TableColumn<ChangeRow, Long> count(String title, Function<ChangeRow, Long> value) {
        TableColumn<ChangeRow, Long> c = new TableColumn<>(title);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : String.format(Locale.ROOT, "%,d", item));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(75);
        return c;
    }
}

package org.compresslab.ui.compare;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The Compare page: the sortable table of runs against the baseline, and the interleaved comparison of two. */
public final class CompareView {
    private CompareView() {
    }

    /** A table cell that shows text but sorts by the number behind it (missing values last). */
    record Sortable(double value, String text) implements Comparable<Sortable> {
        @Override
        public int compareTo(Sortable o) {
            return Double.compare(value, o.value); // NaN compares greater than everything: missing sorts last
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static Parent load(CompareViewModel vm) {
        TableView<CompareRow> table = new TableView<>();
        table.setId("compareTable");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().addAll(List.of(
                text("Run", CompareRow::name, "The run; the baseline is the first finished evaluation."),
                text("Technique", CompareRow::technique, null),
                number("Top-1 [95% CI]", r -> r.row().accuracy(), CompareRow::top1Text,
                        "Top-1 accuracy with its 95% Wilson interval."),
                number("Δ top-1", r -> r.row().accuracyDelta(), r -> CompareRow.deltaText(r.row().accuracyDelta()),
                        "Accuracy minus the baseline's, in percentage points."),
                number("McNemar p", r -> r.row().mcnemarP(), r -> CompareRow.pValueText(r.row().mcnemarP()),
                        "Exact McNemar test on the images both runs saw: below 0.05, the accuracy difference is"
                                + " unlikely to be chance. — when they were not evaluated on the same images."),
                number("Agreement", r -> r.row().top1Agreement(), r -> CompareRow.percentText(r.row().top1Agreement()),
                        "Share of images where the run predicts the same class as the baseline."),
                number("Speed-up", r -> r.row().latencySpeedup(), r -> CompareRow.ratioText(r.row().latencySpeedup()),
                        "Baseline latency p50 over the run's (above 1 = faster), from their separate evaluations."
                                + " Select two runs and compare them interleaved for a ratio with an interval."),
                number("Size", r -> r.row().sizeRatio(), r -> CompareRow.ratioText(r.row().sizeRatio()),
                        "File size relative to the baseline (below 1 = smaller)."),
                number("MACs", r -> r.row().macsRatio(), r -> CompareRow.ratioText(r.row().macsRatio()),
                        "Multiply-accumulates relative to the baseline (below 1 = fewer)."),
                flagColumn()));
        double[] widths = {220, 190, 160, 85, 90, 90, 85, 65, 65, 200};
        for (int i = 0; i < widths.length; i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
        }
        SortedList<CompareRow> sorted = new SortedList<>(vm.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.emptyMessageProperty());
        placeholder.getStyleClass().add("empty-state");
        placeholder.setWrapText(true);
        table.setPlaceholder(placeholder);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<CompareRow>) c ->
                vm.setSelection(table.getSelectionModel().getSelectedItems().stream()
                        .filter(Objects::nonNull).map(CompareRow::runId).toList()));

        Label baseline = new Label();
        baseline.setId("compareBaseline");
        baseline.setWrapText(true);
        baseline.textProperty().bind(vm.baselineTextProperty());
        baseline.getStyleClass().add("hint");
        VBox top = new VBox(baseline);
        top.setPadding(new Insets(8));

        BorderPane root = new BorderPane(table);
        root.setTop(top);
        root.setBottom(bottom(vm));
        return root;
    }

    private static VBox bottom(CompareViewModel vm) {
        Button compare = new Button("Compare interleaved");
        compare.setId("compareButton");
        compare.disableProperty().bind(vm.canCompareProperty().not());
        compare.setOnAction(e -> vm.compare());
        compare.setTooltip(new Tooltip("Runs both models on the same images and times them in turn (A B B A …)"
                + " in one process, so a busy machine slows both alike."));
        Button cancel = new Button("Cancel");
        cancel.setId("cancelCompareButton");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        ProgressBar progress = new ProgressBar();
        progress.progressProperty().bind(vm.progressProperty());
        progress.visibleProperty().bind(vm.busyProperty());
        Label status = new Label();
        status.setId("compareStatus");
        status.textProperty().bind(vm.statusProperty());
        Label hint = new Label();
        hint.getStyleClass().add("hint");
        hint.textProperty().bind(vm.selectionHintProperty());
        HBox bar = new HBox(8, compare, cancel, progress, status, hint);
        bar.setAlignment(Pos.CENTER_LEFT);

        Label title = new Label();
        title.getStyleClass().add("section-title");
        title.textProperty().bind(vm.resultTitleProperty());
        title.setWrapText(true);
        VBox lines = new VBox(2);
        lines.setId("compareResult");
        vm.resultLines().addListener((ListChangeListener<String>) c -> lines.getChildren().setAll(
                vm.resultLines().stream().map(CompareView::wrapping).toList()));
        VBox resultPane = new VBox(4, title, lines);
        resultPane.visibleProperty().bind(vm.resultProperty().isNotNull());
        resultPane.managedProperty().bind(resultPane.visibleProperty());

        VBox bottom = new VBox(8, bar, resultPane);
        bottom.setPadding(new Insets(8));
        bottom.getStyleClass().add("action-bar");
        VBox.setVgrow(resultPane, Priority.NEVER);
        return bottom;
    }

    private static Label wrapping(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        return l;
    }

    private static TableColumn<CompareRow, String> text(String title, Function<CompareRow, String> value, String tip) {
        TableColumn<CompareRow, String> c = new TableColumn<>();
        header(c, title, tip);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(value.apply(f.getValue())));
        return c;
    }

    private static TableColumn<CompareRow, Sortable> number(String title, Function<CompareRow, Double> value,
                                                            Function<CompareRow, String> text, String tip) {
        TableColumn<CompareRow, Sortable> c = new TableColumn<>();
        header(c, title, tip);
        c.setCellValueFactory(f -> new ReadOnlyObjectWrapper<>(new Sortable(value.apply(f.getValue()),
                text.apply(f.getValue()))));
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        return c;
    }

    private static TableColumn<CompareRow, String> flagColumn() {
        TableColumn<CompareRow, String> c = text("Warning", CompareRow::flagText,
                "MACs fell by over 10% but latency did not improve by 5%: fewer operations on paper, no faster in"
                        + " practice (zeros still multiplied, tiny layers, runtime overhead).");
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().remove("error-text");
                if (!empty && item != null && !item.isEmpty()) {
                    getStyleClass().add("error-text");
                }
            }
        });
        return c;
    }

    private static void header(TableColumn<CompareRow, ?> c, String title, String tip) {
        if (tip == null) {
            c.setText(title);
            return;
        }
        // a label as the header so the column can explain itself on hover
        Label l = new Label(title);
        l.setTooltip(new Tooltip(tip));
        c.setGraphic(l);
    }
}

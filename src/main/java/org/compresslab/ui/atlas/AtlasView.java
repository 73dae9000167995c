package org.compresslab.ui.atlas;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.compresslab.study.AtlasFamily;
import org.compresslab.study.AtlasRow;
import org.compresslab.study.LayerAtlas;
import org.compresslab.study.chart.SensitivityCurveChartFactory;
import org.jfree.chart.fx.ChartViewer;

/**
 * The per-layer atlas page: "Analyse layers" with the probe-image count above a heat-coloured table
 * (columns built from the atlas's families), the selected layer's sensitivity curve against the mean
 * below it, and the two "new run" actions as buttons and in each row's context menu.
 */
public final class AtlasView {
    private static final double HEAT_SWATCHES = 6;

    private final AtlasViewModel vm;
    private final TableView<AtlasRow> table = new TableView<>();
    private final ChartViewer chart = new ChartViewer(SensitivityCurveChartFactory.create(null, null, null));
    private final Label legend = new Label();
    private final Label notes = new Label();
    // the spinner binds to this object view of the int property; keeping it stops its garbage collection
    private ObjectProperty<Integer> probeImagesBinding;

    private AtlasView(AtlasViewModel vm) {
        this.vm = vm;
    }

    public static Parent load(AtlasViewModel vm) {
        return new AtlasView(vm).build();
    }

    private Parent build() {
        BorderPane root = new BorderPane();
        root.setTop(new VBox(toolbar(), legendBar()));
        Label empty = new Label();
        empty.setId("atlasEmpty");
        empty.getStyleClass().add("empty-state");
        empty.setWrapText(true);
        empty.setMaxWidth(560);
        empty.textProperty().bind(vm.emptyMessageProperty());
        SplitPane split = new SplitPane(tablePane(), curvePane());
        split.setId("atlasContent");
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.6);
        StackPane centre = new StackPane(split, empty);
        split.visibleProperty().bind(vm.atlasProperty().isNotNull());
        empty.visibleProperty().bind(vm.atlasProperty().isNull());
        root.setCenter(centre);
        vm.atlasProperty().addListener((o, was, now) -> showAtlas(now));
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != table.getSelectionModel().getSelectedItem()) {
                table.getSelectionModel().select(now);
            }
            redrawChart();
        });
        vm.chartFamilyProperty().addListener((o, was, now) -> redrawChart());
        showAtlas(vm.atlasProperty().get());
        return root;
    }

    private HBox toolbar() {
        Button analyse = new Button("Analyse layers");
        analyse.setId("analyseButton");
        analyse.setDefaultButton(true);
        analyse.disableProperty().bind(vm.busyProperty().or(vm.modelProperty().isNull()));
        analyse.setOnAction(e -> vm.analyse());
        analyse.setTooltip(new Tooltip("Quantizes each layer alone to int8 and prunes each channel group alone at "
                + "10–90%, scoring every variant on the probe images. One background task; cancel any time."));
        Button cancel = new Button("Cancel");
        cancel.setId("atlasCancelButton");
        cancel.disableProperty().bind(vm.busyProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        Spinner<Integer> images = new Spinner<>();
        images.setId("probeImagesSpinner");
        images.setEditable(true);
        images.setPrefWidth(100);
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(
                vm.minProbeImages(), vm.maxProbeImages(), vm.probeImagesProperty().get(), 100);
        images.setValueFactory(f);
        probeImagesBinding = vm.probeImagesProperty().asObject();
        f.valueProperty().bindBidirectional(probeImagesBinding);
        images.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                images.increment(0); // commit typed text when focus leaves
            }
        });
        images.disableProperty().bind(vm.busyProperty());
        images.setTooltip(new Tooltip("The first images of the evaluation split score every variant. 1,000 resolve "
                + "drops of about half a point; fewer are faster but coarser."));
        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(160);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.busyProperty());
        bar.managedProperty().bind(bar.visibleProperty());
        Label status = new Label();
        status.setId("atlasStatus");
        status.textProperty().bind(vm.statusProperty());
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        HBox box = new HBox(8, analyse, cancel, new Label("Probe images"), images, bar, status);
        box.setAlignment(Pos.CENTER_LEFT);
        box.setPadding(new Insets(8));
        return box;
    }

    private VBox legendBar() {
        HBox swatches = new HBox(0);
        for (int i = 0; i < HEAT_SWATCHES; i++) {
            Region r = new Region();
            r.setMinSize(16, 14);
            r.setStyle("-fx-background-color: " + HeatColours.colour(i / (HEAT_SWATCHES - 1)) + ";");
            swatches.getChildren().add(r);
        }
        legend.setId("atlasLegend");
        legend.setWrapText(true);
        legend.setMinHeight(Region.USE_PREF_SIZE);
        HBox row = new HBox(8, swatches, legend);
        row.setAlignment(Pos.CENTER_LEFT);
        notes.setId("atlasNotes");
        notes.getStyleClass().add("hint");
        notes.setWrapText(true);
        notes.setMaxHeight(60);
        VBox box = new VBox(4, row, notes);
        box.setPadding(new Insets(0, 8, 6, 8));
        box.visibleProperty().bind(vm.atlasProperty().isNotNull());
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private VBox tablePane() {
        table.setId("atlasTable");
        table.setItems(vm.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.SINGLE);
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty().set(now));
        table.setPlaceholder(new Label("No layer was analysed."));
        table.setRowFactory(t -> contextMenuRow());
        VBox.setVgrow(table, Priority.ALWAYS);
        Button keep = new Button("Keep in float (new run)");
        keep.setId("keepFloatButton");
        keep.disableProperty().bind(vm.canKeepInFloatProperty().not());
        keep.setOnAction(e -> vm.keepInFloat());
        keep.setTooltip(new Tooltip("Static int8 quantization with default settings, except that the selected "
                + "layer stays in float."));
        Button dontPrune = new Button("Don't prune (new run)");
        dontPrune.setId("dontPruneButton");
        dontPrune.disableProperty().bind(vm.canDontPruneProperty().not());
        dontPrune.setOnAction(e -> vm.dontPrune());
        dontPrune.setTooltip(new Tooltip("Channel pruning with default settings, except that the selected layer's "
                + "channel group (and the layers tied to it) is left alone."));
        Label hint = new Label("Select a layer; right-click a row for the same actions.");
        hint.getStyleClass().add("hint");
        HBox actions = new HBox(8, keep, dontPrune, hint);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(6, 8, 6, 8));
        actions.getStyleClass().add("action-bar");
        return new VBox(table, actions);
    }

    private TableRow<AtlasRow> contextMenuRow() {
        TableRow<AtlasRow> row = new TableRow<>();
        MenuItem keep = new MenuItem("Keep this layer in float (new run)");
        MenuItem dontPrune = new MenuItem("Don't prune this layer (new run)");
        keep.setOnAction(e -> {
            vm.selectedProperty().set(row.getItem());
            vm.keepInFloat();
        });
        dontPrune.setOnAction(e -> {
            vm.selectedProperty().set(row.getItem());
            vm.dontPrune();
        });
        ContextMenu menu = new ContextMenu(keep, dontPrune);
        row.itemProperty().addListener((o, was, item) -> {
            row.setContextMenu(item == null ? null : menu);
            if (item != null) {
                keep.setDisable(item.measurement(org.compresslab.study.AtlasFamilies.QUANTIZATION).isEmpty());
                dontPrune.setDisable(item.measurement(org.compresslab.study.AtlasFamilies.PRUNING).isEmpty());
            }
        });
        return row;
    }

    private VBox curvePane() {
        chart.setId("atlasChart");
        ChoiceBox<String> family = new ChoiceBox<>();
        family.setId("chartFamilyChoice");
        // not bound both ways: replacing the items clears the box's value, which must not clear the choice
        family.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.chartFamilyProperty().set(now);
            }
        });
        vm.chartFamilyProperty().addListener((o, was, now) -> family.setValue(now));
        family.setConverter(new StringConverter<>() {
            @Override
            public String toString(String id) {
                LayerAtlas a = vm.atlasProperty().get();
                return id == null || a == null ? "" : a.family(id).map(AtlasFamily::title).orElse(id);
            }

            @Override
            public String fromString(String s) {
                return null;
            }
        });
        vm.atlasProperty().addListener((o, was, a) -> {
            List<String> ids = a == null ? List.of() : a.curveFamilies().stream().map(AtlasFamily::id).toList();
            family.getItems().setAll(ids);
            family.setValue(vm.chartFamilyProperty().get());
        });
        Label label = new Label("Curve of");
        HBox chooser = new HBox(8, label, family);
        chooser.setAlignment(Pos.CENTER_LEFT);
        chooser.setPadding(new Insets(4, 8, 0, 8));
        // with one curve family there is nothing to choose
        chooser.visibleProperty().bind(javafx.beans.binding.Bindings.size(family.getItems()).greaterThan(1));
        chooser.managedProperty().bind(chooser.visibleProperty());
        VBox.setVgrow(chart, Priority.ALWAYS);
        chart.setMinHeight(180);
        return new VBox(chooser, chart);
    }

    private void showAtlas(LayerAtlas a) {
        table.getColumns().setAll(a == null ? List.of() : columns(a));
        legend.setText(vm.legendText());
        notes.setText(vm.notesText());
        notes.setTooltip(vm.notesText().isEmpty() ? null : new Tooltip(vm.notesText()));
        redrawChart();
    }

    private List<TableColumn<AtlasRow, ?>> columns(LayerAtlas a) {
        TableColumn<AtlasRow, String> layer = text("Layer", AtlasRow::layer, 180);
        layer.setSortable(false);
        layer.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String name, boolean empty) {
                super.updateItem(name, empty);
                AtlasRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
                setText(row == null ? null : name);
                List<String> tied = row == null ? List.of() : AtlasViewModel.tiedLayers(row);
                setTooltip(tied.isEmpty() ? null : new Tooltip("Pruned together with " + String.join(", ", tied)
                        + ": they share their channels (e.g. through a residual sum)."));
            }
        });
        TableColumn<AtlasRow, String> op = text("Op", AtlasRow::op, 70);
        op.setSortable(false);
        TableColumn<AtlasRow, Long> params = new TableColumn<>("Params");
        params.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().params()));
        params.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Long v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : AtlasViewModel.paramsText(v));
                setStyle("-fx-alignment: CENTER-RIGHT;");
            }
        });
        params.setPrefWidth(90);
        List<TableColumn<AtlasRow, ?>> out = new java.util.ArrayList<>(List.of(layer, op, params));
        TableColumn<AtlasRow, ?> group = null;
        String groupName = null;
        for (AtlasColumn c : AtlasColumn.of(a)) {
            TableColumn<AtlasRow, AtlasColumn.Cell> col = heatColumn(c);
            if (!c.group().equals(groupName)) {
                groupName = c.group();
                group = new TableColumn<>(groupName);
                out.add(group);
            }
            group.getColumns().add(col);
        }
        return out;
    }

    private static TableColumn<AtlasRow, String> text(String title, Function<AtlasRow, String> value, double width) {
        TableColumn<AtlasRow, String> c = new TableColumn<>(title);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(value.apply(r.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableColumn<AtlasRow, AtlasColumn.Cell> heatColumn(AtlasColumn column) {
        TableColumn<AtlasRow, AtlasColumn.Cell> c = new TableColumn<>(column.title());
        c.setUserData(column);
        c.setCellValueFactory(r -> new ReadOnlyObjectWrapper<>(column.cell(r.getValue()).orElse(null)));
        // missing cells sort last either way: a layer that was not scanned is neither sensitive nor robust
        c.setComparator(Comparator.nullsLast(Comparator.comparingDouble(AtlasColumn.Cell::drop)));
        // a family with a single column must still fit the family's name above it
        c.setPrefWidth(!column.isScore() ? 52 : column.title().equals(AtlasColumn.MEAN) ? 64 : 110);
        c.setCellFactory(t -> new TableCell<>() {
            @Override
            protected void updateItem(AtlasColumn.Cell cell, boolean empty) {
                super.updateItem(cell, empty);
                if (empty || getTableRow() == null || getTableRow().getItem() == null) {
                    setText(null);
                    setStyle("");
                    setTooltip(null);
                } else if (cell == null) {
                    setText("\u2014");
                    setStyle(HeatColours.missingStyle());
                    setTooltip(new Tooltip("not scanned by this analysis (see the notes above the table)"));
                } else {
                    setText(cell.text());
                    setStyle(HeatColours.style(cell.heat()));
                    Tooltip tip = new Tooltip(cell.tooltip());
                    tip.setShowDelay(Duration.millis(300));
                    setTooltip(tip);
                }
            }
        });
        return c;
    }

    private void redrawChart() {
        AtlasRow row = vm.selectedProperty().get();
        chart.setChart(SensitivityCurveChartFactory.create(vm.atlasProperty().get(), vm.chartFamilyProperty().get(),
                row == null ? null : row.layer()));
    }
}

package org.compresslab.ui.inspector;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.DoubleBinding;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.OverrunStyle;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/**
 * The model inspector's view: binds {@code Inspector.fxml} to an {@link InspectorViewModel}.
 * <p>
 * Embedding: {@code Parent page = InspectorView.load(new InspectorViewModel(tasks));} puts the page
 * anywhere, then {@code vm.setModel(modelFile)} whenever the user opens a model (null clears it).
 * Dropping files is the main window's business: this view leaves drag events alone so they reach it.
 */
public final class InspectorView {
    private final InspectorViewModel vm;
    private LayerBarChart chart;

    @FXML private StackPane root;
    @FXML private VBox content;
    @FXML private Label modelNameLabel;
    @FXML private Label paramsValue;
    @FXML private Label nonZeroValue;
    @FXML private Label macsValue;
    @FXML private Label fileSizeValue;
    @FXML private Label opsetValue;
    @FXML private Label inputsValue;
    @FXML private Label outputsValue;
    @FXML private Label preprocessingValue;
    @FXML private Label problemsLabel;
    @FXML private TextField filterField;
    @FXML private Label layerCountLabel;
    @FXML private TableView<LayerRow> layerTable;
    @FXML private TableColumn<LayerRow, Integer> indexColumn;
    @FXML private TableColumn<LayerRow, LayerRow> nameColumn;
    @FXML private TableColumn<LayerRow, String> opColumn;
    @FXML private TableColumn<LayerRow, String> shapeColumn;
    @FXML private TableColumn<LayerRow, Long> paramsColumn;
    @FXML private TableColumn<LayerRow, Long> macsColumn;
    @FXML private TableColumn<LayerRow, Double> shareColumn;
    @FXML private ToggleGroup metricGroup;
    @FXML private ToggleButton macsToggle;
    @FXML private ToggleButton paramsToggle;
    @FXML private Label chartNoteLabel;
    @FXML private StackPane chartHolder;
    @FXML private Label emptyLabel;
    @FXML private Region busyPane;

    /** Use {@link #load}; FXMLLoader calls this through the controller factory. */
    InspectorView(InspectorViewModel vm) {
        this.vm = vm;
    }

    /** Loads the FXML with a controller bound to {@code vm} and returns its root. Call on the FX thread. */
    public static Parent load(InspectorViewModel vm) {
        return loadView(vm).root();
    }

    /** As {@link #load}, but returns the controller: for tests that look at the chart. */
    static InspectorView loadView(InspectorViewModel vm) {
        InspectorView view = new InspectorView(vm);
        FXMLLoader loader = new FXMLLoader(InspectorView.class.getResource("Inspector.fxml"));
        loader.setControllerFactory(type -> view);
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("Inspector.fxml is missing or broken", e);
        }
        return view;
    }

    Parent root() {
        return root;
    }

    @FXML
    private void initialize() {
        bindSummary();
        bindTable();
        bindChart();
        content.visibleProperty().bind(vm.modelProperty().isNotNull());
        emptyLabel.visibleProperty().bind(vm.modelProperty().isNull());
        busyPane.visibleProperty().bind(vm.busyProperty());
    }

    private void bindSummary() {
        modelNameLabel.textProperty().bind(vm.modelNameProperty());
        paramsValue.textProperty().bind(vm.paramsProperty());
        nonZeroValue.textProperty().bind(vm.nonZeroParamsProperty());
        macsValue.textProperty().bind(vm.macsProperty());
        fileSizeValue.textProperty().bind(vm.fileSizeProperty());
        opsetValue.textProperty().bind(vm.opsetProperty());
        inputsValue.textProperty().bind(vm.inputsProperty());
        outputsValue.textProperty().bind(vm.outputsProperty());
        preprocessingValue.textProperty().bind(vm.preprocessingProperty());
        problemsLabel.textProperty().bind(Bindings.createStringBinding(
                () -> vm.problems().isEmpty() ? "" : "⚠ " + String.join("\n⚠ ", vm.problems()), vm.problems()));
        problemsLabel.visibleProperty().bind(Bindings.isNotEmpty(vm.problems()));
        problemsLabel.managedProperty().bind(problemsLabel.visibleProperty());
    }

    private void bindTable() {
        filterField.textProperty().bindBidirectional(vm.filterTextProperty());
        layerCountLabel.textProperty().bind(vm.layerCountProperty());
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.tablePlaceholderProperty());
        layerTable.setPlaceholder(placeholder);

        indexColumn.setCellValueFactory(c -> constant(c.getValue().index()));
        nameColumn.setCellValueFactory(c -> constant(c.getValue())); // the cell needs name and op
        nameColumn.setComparator(Comparator.comparing(LayerRow::name));
        opColumn.setCellValueFactory(c -> constant(c.getValue().op()));
        shapeColumn.setCellValueFactory(c -> constant(c.getValue().outputShape()));
        paramsColumn.setCellValueFactory(c -> constant(c.getValue().params()));
        macsColumn.setCellValueFactory(c -> constant(c.getValue().macs()));
        shareColumn.setCellValueFactory(c -> constant(c.getValue().macShare()));

        nameColumn.setCellFactory(col -> nameCell());
        paramsColumn.setCellFactory(col -> textCell(InspectorFormat::count));
        macsColumn.setCellFactory(col -> textCell(InspectorFormat::macs));
        shareColumn.setCellFactory(col -> textCell(InspectorFormat::percent));
        // unknown (NaN) shares sort below every known share instead of above like Double.compare does
        shareColumn.setComparator(Comparator.comparingDouble((Double d) -> d.isNaN() ? -1 : d));

        SortedList<LayerRow> sorted = new SortedList<>(vm.visibleLayers());
        sorted.comparatorProperty().bind(layerTable.comparatorProperty());
        layerTable.setItems(sorted);
        fillWidthWithNameColumn();
    }

    /**
     * The name column takes the width the other columns leave (a constrained resize policy would
     * squeeze the numbers instead); below its minimum the table scrolls sideways rather than cutting
     * columns off.
     */
    private void fillWidthWithNameColumn() {
        DoubleBinding others = Bindings.createDoubleBinding(() -> layerTable.getColumns().stream()
                .filter(c -> c != nameColumn).mapToDouble(TableColumn::getWidth).sum(),
                indexColumn.widthProperty(), opColumn.widthProperty(), shapeColumn.widthProperty(),
                paramsColumn.widthProperty(), macsColumn.widthProperty(), shareColumn.widthProperty());
        double borderAndScrollBar = 20;
        nameColumn.prefWidthProperty().bind(Bindings.max(nameColumn.getMinWidth(),
                layerTable.widthProperty().subtract(others).subtract(borderAndScrollBar)));
    }

    private void bindChart() {
        chart = new LayerBarChart();
        chartHolder.getChildren().add(chart.node());
        macsToggle.setUserData(ChartMetric.MACS);
        paramsToggle.setUserData(ChartMetric.PARAMS);
        macsToggle.setText(ChartMetric.MACS.title());
        paramsToggle.setText(ChartMetric.PARAMS.title());
        selectToggle(vm.chartMetricProperty().get());
        metricGroup.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // clicking the selected button must not leave the chart without a metric
            } else {
                vm.chartMetricProperty().set((ChartMetric) now.getUserData());
            }
        });
        vm.chartMetricProperty().addListener((obs, old, now) -> selectToggle(now));
        chartNoteLabel.textProperty().bind(vm.chartNoteProperty());
        chartNoteLabel.visibleProperty().bind(vm.chartNoteProperty().isNotEmpty());
        chartNoteLabel.managedProperty().bind(chartNoteLabel.visibleProperty());
        // the view-model replaces the bars with one setAll: redraw once per change, on the FX thread
        vm.chartBars().addListener((ListChangeListener<ChartBar>) c -> redrawChart());
        redrawChart();
    }

    private void redrawChart() {
        chart.show(List.copyOf(vm.chartBars()), vm.chartMetricProperty().get().title());
    }

    private void selectToggle(ChartMetric metric) {
        metricGroup.selectToggle(metric == ChartMetric.PARAMS ? paramsToggle : macsToggle);
    }

    private static <T> ReadOnlyObjectWrapper<T> constant(T value) {
        return new ReadOnlyObjectWrapper<>(value);
    }

    /** A cell showing {@code format(value)}. */
    private static <T> TableCell<LayerRow, T> textCell(Function<T, String> format) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : format.apply(item));
            }
        };
    }

    /**
     * Layer names in the short form of {@link InspectorFormat#tableName} ("layer1.0/bn1" rather than
     * "/layer1/layer1.0/bn1/BatchNormalization"), cut at the front if still too wide, where exporters
     * put parent modules; the exact node name is the tooltip (and what the filter matches).
     */
    private static TableCell<LayerRow, LayerRow> nameCell() {
        return new TableCell<>() {
            {
                setTextOverrun(OverrunStyle.LEADING_ELLIPSIS);
            }

            @Override
            protected void updateItem(LayerRow row, boolean empty) {
                super.updateItem(row, empty);
                boolean blank = empty || row == null;
                setText(blank ? null : InspectorFormat.tableName(row.name(), row.op()));
                setTooltip(blank ? null : new Tooltip(row.name()));
            }
        };
    }

    /** For tests: the bars the chart currently draws. */
    List<String> chartLabels() {
        return chart.labels();
    }
}

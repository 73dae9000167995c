package org.compresslab.ui.inspector;

import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.compresslab.eval.ModelFile;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.TaskEntry;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State of the model inspector: a summary of the model, its layers (filterable) and the bars of the
 * "where are the MACs / parameters" chart. Inputs are {@link #setModel}, {@link #filterTextProperty()}
 * and {@link #chartMetricProperty()}; everything else is read-only output. Statistics are computed as
 * a light background task; the properties change only in the executor's UI callbacks.
 */
public final class InspectorViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(InspectorViewModel.class);

    private final TaskExecutor tasks;

    private final ReadOnlyObjectWrapper<ModelFile> model = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper modelName = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper params = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper nonZeroParams = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper macs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper fileSize = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper opset = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper inputs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outputs = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper preprocessing = new ReadOnlyStringWrapper("");

    private final ObservableList<LayerRow> layers = FXCollections.observableArrayList();
    private final FilteredList<LayerRow> visibleLayers = new FilteredList<>(layers);
    private final StringProperty filterText = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper layerCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper tablePlaceholder = new ReadOnlyStringWrapper("");

    private final ObjectProperty<ChartMetric> chartMetric = new SimpleObjectProperty<>(ChartMetric.MACS);
    private final ObservableList<ChartBar> chartBars = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper chartNote = new ReadOnlyStringWrapper("");

    private final ObservableList<String> problems = FXCollections.observableArrayList();

    // The read-only views are made once: a wrapper made per call could be collected with the
    // listeners a caller added to it, silently unhooking the view.
    private final ObservableList<LayerRow> layersView = FXCollections.unmodifiableObservableList(layers);
    private final ObservableList<ChartBar> chartBarsView = FXCollections.unmodifiableObservableList(chartBars);
    private final ObservableList<String> problemsView = FXCollections.unmodifiableObservableList(problems);

    /** Incremented by every setModel, so a slow result for a model no longer shown is dropped. */
    private int generation;
    private TaskEntry running;

    public InspectorViewModel(TaskExecutor tasks) {
        this.tasks = tasks;
        visibleLayers.predicateProperty().bind(Bindings.createObjectBinding(
                () -> layerFilter(filterText.get()), filterText));
        layerCount.bind(Bindings.createStringBinding(this::layerCountText, layers, visibleLayers));
        // an empty table is either a filter that matches nothing or a model whose layers are not listed
        tablePlaceholder.bind(Bindings.createStringBinding(() -> !layers.isEmpty() ? "No layer matches the filter"
                : model.get() == null ? "" : model.get().format().hasEditableGraph() ? "The model has no layers"
                : "A " + model.get().format().displayName() + " module's layers are not readable", layers, model));
        chartMetric.addListener((obs, old, now) -> {
            if (now == null) {
                chartMetric.set(old); // the chart always shows something; null is not a choice
            } else {
                updateChart();
            }
        });
    }

    /** Shows {@code file}, or clears the inspector when it is null. */
    public void setModel(ModelFile file) {
        int gen = ++generation;
        if (running != null && !running.state().isDone()) {
            running.cancel();
        }
        running = null;
        clear();
        model.set(file);
        if (file == null) {
            return;
        }
        modelName.set(file.displayName());
        busy.set(true);
        BackgroundTask<ModelReport> task = BackgroundTask.of("Inspect " + file.displayName(),
                        (progress, cancel) -> ModelReport.of(file))
                .onSuccess(report -> {
                    if (gen == generation) {
                        apply(report);
                    }
                })
                .onFailure(e -> {
                    if (gen == generation) {
                        LOG.error("inspecting {} failed", file.displayName(), e);
                        busy.set(false);
                        problems.setAll("CompressLab could not analyse this model: " + UserMessages.plain(e));
                    }
                })
                .onCancelled(() -> {
                    if (gen == generation) {
                        busy.set(false);
                    }
                });
        TaskEntry entry = tasks.submit(task);
        if (gen == generation && !entry.state().isDone()) {
            running = entry;
        }
    }

    private void apply(ModelReport r) {
        params.set(r.params());
        nonZeroParams.set(r.nonZeroParams());
        macs.set(r.macs());
        fileSize.set(r.fileSize());
        opset.set(r.opset());
        inputs.set(r.inputs());
        outputs.set(r.outputs());
        preprocessing.set(r.preprocessing());
        layers.setAll(r.layers());
        problems.setAll(r.problems());
        updateChart();
        busy.set(false);
    }

    private void clear() {
        busy.set(false);
        for (ReadOnlyStringWrapper p : List.of(modelName, params, nonZeroParams, macs, fileSize, opset, inputs,
                outputs, preprocessing)) {
            p.set("");
        }
        layers.clear();
        problems.clear();
        updateChart();
    }

    /** One setAll, so the view gets one change and redraws the chart once (DESIGN convention 7). */
    private void updateChart() {
        TopLayers.Result top = TopLayers.of(layers, chartMetric.get(), TopLayers.DEFAULT_LIMIT);
        chartBars.setAll(top.bars());
        chartNote.set(top.unknownLayers() == 0 ? ""
                : top.unknownLayers() + (top.unknownLayers() == 1 ? " layer" : " layers")
                        + " with unknown " + chartMetric.get().title() + " not shown");
    }

    private static java.util.function.Predicate<LayerRow> layerFilter(String text) {
        String needle = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        if (needle.isEmpty()) {
            return row -> true;
        }
        return row -> row.name().toLowerCase(Locale.ROOT).contains(needle)
                || row.op().toLowerCase(Locale.ROOT).contains(needle);
    }

    private String layerCountText() {
        if (layers.isEmpty()) {
            return "";
        }
        return visibleLayers.size() == layers.size() ? layers.size() + " layers"
                : visibleLayers.size() + " of " + layers.size() + " layers";
    }

    // ---- inputs

    /** Case-insensitive substring of a layer's name or op; blank shows every layer. */
    public StringProperty filterTextProperty() {
        return filterText;
    }

    public ObjectProperty<ChartMetric> chartMetricProperty() {
        return chartMetric;
    }

    // ---- outputs

    public ReadOnlyObjectProperty<ModelFile> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** True while statistics are being computed. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty modelNameProperty() {
        return modelName.getReadOnlyProperty();
    }

    /** e.g. "11,191,242 (11.2 M)". */
    public ReadOnlyStringProperty paramsProperty() {
        return params.getReadOnlyProperty();
    }

    /** e.g. "11,191,242 (100.0%)": the count and its share of all parameters. */
    public ReadOnlyStringProperty nonZeroParamsProperty() {
        return nonZeroParams.getReadOnlyProperty();
    }

    /** MACs per image, or "unknown" when an op blocks counting. */
    public ReadOnlyStringProperty macsProperty() {
        return macs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty fileSizeProperty() {
        return fileSize.getReadOnlyProperty();
    }

    /** e.g. "13 · pytorch 1.13.0". */
    public ReadOnlyStringProperty opsetProperty() {
        return opset.getReadOnlyProperty();
    }

    /** One line per runtime input: name, element type, shape. */
    public ReadOnlyStringProperty inputsProperty() {
        return inputs.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty outputsProperty() {
        return outputs.getReadOnlyProperty();
    }

    /** The preprocessing JSON the model carries, or what is assumed without it. */
    public ReadOnlyStringProperty preprocessingProperty() {
        return preprocessing.getReadOnlyProperty();
    }

    /** All layers in graph order (unmodifiable). */
    public ObservableList<LayerRow> layers() {
        return layersView;
    }

    /** The layers that pass the filter; the view wraps it in a SortedList for its columns. */
    public FilteredList<LayerRow> visibleLayers() {
        return visibleLayers;
    }

    /** "69 layers" or "20 of 69 layers". */
    /** What the layer table says when it shows no row. */
    public ReadOnlyStringProperty tablePlaceholderProperty() {
        return tablePlaceholder.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty layerCountProperty() {
        return layerCount.getReadOnlyProperty();
    }

    /** Bars for the chart, largest first, then "other (K layers)"; together they sum to the total. */
    public ObservableList<ChartBar> chartBars() {
        return chartBarsView;
    }

    /** Says which layers the chart leaves out because their value is unknown; empty otherwise. */
    public ReadOnlyStringProperty chartNoteProperty() {
        return chartNote.getReadOnlyProperty();
    }

    /** Notes from the analysis (unknown ops, unreadable metadata) and failures, in plain words. */
    public ObservableList<String> problems() {
        return problemsView;
    }
}

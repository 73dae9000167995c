package org.compresslab.ui.evaluate;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.RadioButton;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.layout.StackPane;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.ui.dialogs.DialogService;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/** The Evaluate page: binds the form to {@link EvaluateViewModel} and draws the latency histogram. */
public final class EvaluateView {
    private final EvaluateViewModel vm;
    private final DialogService dialogs;
    private final java.util.function.Supplier<Path> lastFolder;
    // Spinners bind to these object views of the int properties; keeping them stops garbage collection of the bindings.
    private final List<ObjectProperty<Integer>> spinnerBindings = new java.util.ArrayList<>();
    private final XYIntervalSeries histogramSeries = new XYIntervalSeries("runs");
    /** The overflow bin, drawn one regular bin wide after the others so an outlier doesn't stretch the axis. */
    private final XYIntervalSeries overflowSeries = new XYIntervalSeries("slower runs");
    private final TextTitle overflowNote = new TextTitle("");
    private JFreeChart histogram;

    @FXML private RadioButton bundledRadio;
    @FXML private RadioButton folderRadio;
    @FXML private TextField folderField;
    @FXML private Button browseButton;
    @FXML private ChoiceBox<String> splitChoice;
    @FXML private Label preprocessingSource;
    @FXML private Spinner<Integer> widthSpinner;
    @FXML private Spinner<Integer> heightSpinner;
    @FXML private Spinner<Integer> channelsSpinner;
    @FXML private TextField meanField;
    @FXML private TextField stdField;
    @FXML private ChoiceBox<String> layoutChoice;
    @FXML private Spinner<Integer> limitSpinner;
    @FXML private Spinner<Integer> threadsSpinner;
    @FXML private Spinner<Integer> batchSpinner;
    @FXML private Spinner<Integer> runsSpinner;
    @FXML private Label validationLabel;
    @FXML private Button evaluateButton;
    @FXML private Button cancelButton;
    @FXML private ProgressBar progressBar;
    @FXML private Label statusLabel;
    @FXML private Label emptyLabel;
    @FXML private Label accuracyTitle;
    @FXML private Label accuracyLabel;
    @FXML private Label intervalLabel;
    @FXML private Label latencyTitle;
    @FXML private Label latencyLabel;
    @FXML private Label conditionsLabel;
    @FXML private Label throughputLabel;
    @FXML private Label sizeTitle;
    @FXML private Label sizeLabel;
    @FXML private StackPane histogramHolder;

    private EvaluateView(EvaluateViewModel vm, DialogService dialogs, java.util.function.Supplier<Path> lastFolder) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.lastFolder = lastFolder;
    }

    /** Loads the page for {@code vm}; the returned node is ready to be placed in a tab. */
    public static Parent load(EvaluateViewModel vm, DialogService dialogs, java.util.function.Supplier<Path> lastFolder) {
        FXMLLoader loader = new FXMLLoader(EvaluateView.class.getResource("Evaluate.fxml"));
        loader.setControllerFactory(c -> new EvaluateView(vm, dialogs, lastFolder));
        try {
            return loader.load();
        } catch (IOException e) {
            throw new IllegalStateException("cannot load Evaluate.fxml", e);
        }
    }

    @FXML
    private void initialize() {
        bundledRadio.setSelected(vm.useBundledDatasetProperty().get());
        folderRadio.setSelected(!vm.useBundledDatasetProperty().get());
        bundledRadio.selectedProperty().addListener((o, was, is) -> vm.useBundledDatasetProperty().set(is));
        vm.useBundledDatasetProperty().addListener((o, was, is) -> (is ? bundledRadio : folderRadio).setSelected(true));
        folderField.textProperty().bindBidirectional(vm.datasetFolderProperty());
        folderField.disableProperty().bind(vm.useBundledDatasetProperty());
        browseButton.disableProperty().bind(vm.useBundledDatasetProperty());
        splitChoice.getItems().setAll("test", "train", "val");
        splitChoice.valueProperty().bindBidirectional(vm.splitProperty());
        preprocessingSource.textProperty().bind(vm.preprocessingSourceProperty());
        bindSpinner(widthSpinner, vm.widthProperty(), 1, 4096);
        bindSpinner(heightSpinner, vm.heightProperty(), 1, 4096);
        bindSpinner(channelsSpinner, vm.channelsProperty(), 1, 3);
        meanField.textProperty().bindBidirectional(vm.meanProperty());
        stdField.textProperty().bindBidirectional(vm.stdProperty());
        layoutChoice.getItems().setAll(Preprocessing.NCHW, Preprocessing.NHWC);
        layoutChoice.valueProperty().bindBidirectional(vm.layoutProperty());
        bindSpinner(limitSpinner, vm.limitProperty(), 0, 10_000_000);
        bindSpinner(threadsSpinner, vm.threadsProperty(), 1, Runtime.getRuntime().availableProcessors() * 2);
        bindSpinner(batchSpinner, vm.batchProperty(), 1, 1024);
        bindSpinner(runsSpinner, vm.runsProperty(), 1, 100_000);
        validationLabel.textProperty().bind(vm.validationMessageProperty());
        evaluateButton.disableProperty().bind(vm.invalidProperty().or(vm.busyProperty()));
        cancelButton.disableProperty().bind(vm.busyProperty().not());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.busyProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        histogramHolder.getChildren().add(histogramChart());
        vm.resultProperty().addListener((o, was, r) -> showResult(r));
        vm.histogram().addListener((ListChangeListener<HistogramBin>) c -> redrawHistogram());
        showResult(vm.resultProperty().get());
    }

    private void bindSpinner(Spinner<Integer> spinner, IntegerProperty property, int min, int max) {
        SpinnerValueFactory.IntegerSpinnerValueFactory f = new SpinnerValueFactory.IntegerSpinnerValueFactory(min, max,
                property.get());
        spinner.setValueFactory(f);
        ObjectProperty<Integer> boxed = property.asObject();
        spinnerBindings.add(boxed);
        f.valueProperty().bindBidirectional(boxed);
        // commit typed text when focus leaves, not only on Enter
        spinner.focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                spinner.increment(0);
            }
        });
    }

    private Node histogramChart() {
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(histogramSeries);
        data.addSeries(overflowSeries);
        JFreeChart chart = ChartFactory.createXYBarChart("Latency of the timed runs", "milliseconds", false, "runs", data,
                PlotOrientation.VERTICAL, false, true, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        plot.setDomainGridlinePaint(new Color(0xDDDDDD));
        XYBarRenderer renderer = (XYBarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardXYBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, new Color(0x3B7DD8));
        renderer.setSeriesPaint(1, new Color(0xE08A2E));
        renderer.setDrawBarOutline(true);
        renderer.setSeriesOutlinePaint(0, Color.WHITE);
        chart.getTitle().setFont(chart.getTitle().getFont().deriveFont(13f));
        chart.setBackgroundPaint(Color.WHITE);
        overflowNote.setFont(chart.getTitle().getFont().deriveFont(java.awt.Font.PLAIN, 11f));
        chart.addSubtitle(overflowNote);
        histogram = chart;
        return new ChartViewer(chart);
    }

    /** Replaces the histogram in one batch: one change event, one redraw (on the FX thread). */
    private void redrawHistogram() {
        histogram.setNotify(false);
        histogramSeries.setNotify(false);
        overflowSeries.setNotify(false);
        histogramSeries.clear();
        overflowSeries.clear();
        String note = "";
        double binWidth = 0;
        for (HistogramBin b : vm.histogram()) {
            if (b.overflow()) {
                double to = b.fromMs() + binWidth;
                overflowSeries.add((b.fromMs() + to) / 2, b.fromMs(), to, b.count(), b.count(), b.count());
                note = String.format(java.util.Locale.ROOT, "Last bar (orange): %d slower run%s, up to %s", b.count(),
                        b.count() == 1 ? "" : "s", EvaluateViewModel.ms(b.toMs()));
            } else {
                binWidth = b.toMs() - b.fromMs();
                histogramSeries.add((b.fromMs() + b.toMs()) / 2, b.fromMs(), b.toMs(), b.count(), b.count(), b.count());
            }
        }
        overflowNote.setText(note);
        histogramSeries.setNotify(true);
        overflowSeries.setNotify(true);
        histogram.setNotify(true); // one change event, one redraw
    }

    private void showResult(EvaluationResult r) {
        boolean has = r != null;
        emptyLabel.setVisible(!has);
        emptyLabel.setManaged(!has);
        for (Node n : new Node[] {accuracyTitle, accuracyLabel, intervalLabel, latencyTitle, latencyLabel, conditionsLabel,
                throughputLabel, sizeTitle, sizeLabel, histogramHolder}) {
            n.setVisible(has);
            n.setManaged(has);
        }
        if (!has) {
            return;
        }
        accuracyLabel.setText(EvaluateViewModel.accuracyText(r));
        intervalLabel.setText(EvaluateViewModel.intervalText(r));
        latencyLabel.setText(EvaluateViewModel.latencyText(r));
        conditionsLabel.setText(EvaluateViewModel.conditionsText(r));
        throughputLabel.setText("Throughput " + EvaluateViewModel.throughputText(r));
        sizeLabel.setText(EvaluateViewModel.sizeText(r));
    }

    @FXML
    private void browse() {
        dialogs.chooseFolder("Choose an image folder", lastFolder.get())
                .ifPresent(p -> vm.datasetFolderProperty().set(p.toString()));
    }

    @FXML
    private void evaluate() {
        vm.evaluate();
    }

    @FXML
    private void cancel() {
        vm.cancel();
    }
}

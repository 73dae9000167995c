package org.compresslab.ui.evaluate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.runtime.OptimizationLevel;
import org.compresslab.ui.dialogs.DialogService;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.RunningTask;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;

/**
 * The Evaluate page: which data, how it is preprocessed and how it is measured (inputs, validated),
 * running the evaluation in the background with progress and cancel, and the result as text and a
 * latency histogram. A finished evaluation is handed to {@code onEvaluated} (the project records it).
 */
public final class EvaluateViewModel {
    public static final String FASHION_MNIST = Datasets.FASHION_MNIST;

    /** What a finished evaluation hands on: the result and exactly what produced it. */
    public record Evaluated(EvaluationResult result, String datasetSpec, String split, Preprocessing preprocessing,
                            EvaluationSettings settings) {
    }

    private final DialogService dialogs;
    private Consumer<Evaluated> onEvaluated = e -> { };

    private final ObjectProperty<ModelFile> model = new SimpleObjectProperty<>();
    // inputs
    private final BooleanProperty useBundledDataset = new SimpleBooleanProperty(true);
    private final StringProperty datasetFolder = new SimpleStringProperty("");
    private final StringProperty split = new SimpleStringProperty("test");
    private final IntegerProperty width = new SimpleIntegerProperty(28);
    private final IntegerProperty height = new SimpleIntegerProperty(28);
    private final IntegerProperty channels = new SimpleIntegerProperty(1);
    private final StringProperty mean = new SimpleStringProperty("0");
    private final StringProperty std = new SimpleStringProperty("1");
    private final StringProperty layout = new SimpleStringProperty(Preprocessing.NCHW);
    private final IntegerProperty limit = new SimpleIntegerProperty(0);
    private final IntegerProperty threads = new SimpleIntegerProperty(1);
    private final IntegerProperty batch = new SimpleIntegerProperty(1);
    private final IntegerProperty runs = new SimpleIntegerProperty(100);
    private final StringProperty preprocessingSource = new SimpleStringProperty("");
    // state and output
    private final RunningTask running;
    private final ObjectProperty<EvaluationResult> result = new SimpleObjectProperty<>();
    private final ObservableList<HistogramBin> histogram = FXCollections.observableArrayList();
    // one read-only view for all callers: a new wrapper per call would drop listeners once collected
    private final ObservableList<HistogramBin> histogramView = FXCollections.unmodifiableObservableList(histogram);
    private final StringBinding validationMessage;
    private final BooleanBinding invalid;

    public EvaluateViewModel(TaskExecutor tasks, DialogService dialogs) {
        this.running = new RunningTask(tasks);
        this.dialogs = dialogs;
        validationMessage = Bindings.createStringBinding(this::validate, model, useBundledDataset, datasetFolder,
                split, width, height, channels, mean, std, layout, limit, threads, batch, runs);
        invalid = validationMessage.isNotEmpty();
    }

    public void setOnEvaluated(Consumer<Evaluated> callback) {
        this.onEvaluated = callback;
    }

    /** Shows a new model: preprocessing is prefilled from its metadata, earlier results are cleared. */
    public void setModel(ModelFile m) {
        // an evaluation of the previous model must not finish as a result (or a run) of this one
        cancel();
        model.set(m);
        result.set(null);
        histogram.clear();
        running.clearStatus();
        if (m == null) {
            return;
        }
        m.preprocessingOrDefault().ifPresentOrElse(p -> {
            setPreprocessing(p);
            preprocessingSource.set(m.preprocessing().isPresent() ? "from the model's metadata"
                    : "not in the model: pixels in [0,1] at its input size assumed — edit if it was trained otherwise");
        }, () -> preprocessingSource.set("the model does not say its input size: enter the preprocessing"));
    }

    /** Restores the inputs a project remembered. */
    public void restore(String datasetSpec, String datasetSplit, Preprocessing prep, EvaluationSettings settings) {
        if (datasetSpec != null) {
            boolean bundled = FASHION_MNIST.equals(datasetSpec);
            useBundledDataset.set(bundled);
            datasetFolder.set(bundled ? "" : datasetSpec);
        }
        if (datasetSplit != null) {
            split.set(datasetSplit);
        }
        if (prep != null) {
            setPreprocessing(prep);
            preprocessingSource.set("from the project");
        }
        if (settings != null) {
            limit.set(settings.limit());
            threads.set(settings.threads());
            batch.set(settings.batch());
            runs.set(settings.runs());
        }
    }

    private void setPreprocessing(Preprocessing p) {
        width.set(p.width());
        height.set(p.height());
        channels.set(p.channels());
        mean.set(joinFloats(p.mean()));
        std.set(joinFloats(p.std()));
        layout.set(p.layout());
    }

    private static String joinFloats(float[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(Float.toString(v[i]).replaceAll("\\.0$", ""));
        }
        return sb.toString();
    }

    static float[] parseFloats(String text) {
        String[] parts = text.trim().split("\\s*[,;\\s]\\s*");
        float[] out = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Float.parseFloat(parts[i]);
        }
        return out;
    }

    private String validate() {
        if (model.get() == null) {
            return "Open a model first.";
        }
        if (!useBundledDataset.get()) {
            String f = datasetFolder.get();
            if (f == null || f.isBlank()) {
                return "Choose an image folder (one sub-folder per class).";
            }
            if (!Files.isDirectory(Path.of(f))) {
                return "The dataset folder does not exist: " + f;
            }
        }
        try {
            preprocessing();
        } catch (RuntimeException e) {
            String plain = UserMessages.plain(e);
            // the engine's messages already say "preprocessing: …"
            return "Preprocessing: " + (plain.regionMatches(true, 0, "preprocessing: ", 0, 15) ? plain.substring(15) : plain);
        }
        if (threads.get() < 1 || batch.get() < 1 || runs.get() < 1 || limit.get() < 0) {
            return "Threads, batch and runs must be at least 1; the sample limit 0 (all) or more.";
        }
        return "";
    }

    /** The preprocessing the inputs describe; throws with a plain message when they don't make one. */
    public Preprocessing preprocessing() {
        float[] m;
        float[] s;
        try {
            m = parseFloats(mean.get());
            s = parseFloats(std.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("mean and std must be numbers separated by commas");
        }
        return new Preprocessing(width.get(), height.get(), channels.get(), m, s, layout.get());
    }

    public EvaluationSettings settings() {
        return new EvaluationSettings(limit.get(), batch.get(), threads.get(), runs.get(), 10, OptimizationLevel.ALL, 0);
    }

    public String datasetSpec() {
        return useBundledDataset.get() ? FASHION_MNIST : datasetFolder.get();
    }

    /** Starts the evaluation in the background (queued behind other measurements). */
    public void evaluate() {
        if (invalid.get() || running.isBusy()) {
            return;
        }
        ModelFile m = model.get();
        Preprocessing prep = preprocessing();
        EvaluationSettings settings = settings();
        String spec = datasetSpec();
        String theSplit = split.get();
        BackgroundTask<EvaluationResult> task = BackgroundTask.<EvaluationResult>of("Evaluate " + m.displayName(),
                (p, cancel) -> {
                    ImageDataset dataset = Datasets.open(spec, theSplit);
                    return new Evaluator().evaluate(m, dataset, prep, settings, p, cancel);
                })
                .exclusive()
                .onSuccess(r -> {
                    if (model.get() != m) {
                        // another model was opened meanwhile: the cancel came too late to stop the work
                        running.finish("Cancelled; nothing was recorded.");
                        return;
                    }
                    running.finish(String.format(Locale.ROOT, "Evaluated %,d images.", r.accuracy().n()));
                    result.set(r);
                    histogram.setAll(HistogramBin.of(r.latencySamplesMs(), 30));
                    onEvaluated.accept(new Evaluated(r, spec, theSplit, prep, settings));
                })
                .onFailure(e -> {
                    running.finish("Failed: " + UserMessages.plain(e));
                    dialogs.showError("Evaluation failed", UserMessages.plain(e), e);
                })
                .onCancelled(() -> running.finish("Cancelled; nothing was recorded."));
        running.start(task);
    }

    public void cancel() {
        running.cancel();
    }

    // ---- text for the result panel (the view only displays these) ------------------------------

    public static String accuracyText(EvaluationResult r) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * r.accuracy().top1());
    }

    public static String intervalText(EvaluationResult r) {
        return String.format(Locale.ROOT, "95%% CI %.2f–%.2f%% · n = %,d · top-5 %.2f%%",
                100 * r.accuracy().top1Ci95().lo(), 100 * r.accuracy().top1Ci95().hi(), r.accuracy().n(),
                100 * r.accuracy().top5());
    }

    public static String latencyText(EvaluationResult r) {
        LatencyStatistics l = r.latency();
        return String.format(Locale.ROOT, "p50 %s · p10 %s · p90 %s · p99 %s · min %s (%d runs)",
                ms(l.p50()), ms(l.p10()), ms(l.p90()), ms(l.p99()), ms(l.min()), l.n());
    }

    public static String conditionsText(EvaluationResult r) {
        return String.format(Locale.ROOT, "batch %d · %d thread(s) · optimisation %s · %s · %s", r.batch(), r.threads(),
                r.optimizationText(), r.runtime(), r.cpu());
    }

    public static String throughputText(EvaluationResult r) {
        return String.format(Locale.ROOT, "%,.0f images/s", r.throughputImagesPerSecond());
    }

    public static String sizeText(EvaluationResult r) {
        return String.format(Locale.ROOT, "%s file · %s gzip · %,d params (%,d non-zero) · %s MACs",
                bytes(r.size().bytes()), bytes(r.size().gzipBytes()), r.size().params(), r.size().nonZeroParams(),
                r.macs() < 0 ? "unknown" : String.format(Locale.ROOT, "%,d", r.macs()));
    }

    static String ms(double v) {
        return v >= 10 ? String.format(Locale.ROOT, "%.1f ms", v)
                : v >= 1 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.1f µs", v * 1000);
    }

    static String bytes(long n) {
        return org.compresslab.eval.ByteSizes.brief(n);
    }

    // ---- properties ----------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ModelFile> modelProperty() {
        return model;
    }

    public BooleanProperty useBundledDatasetProperty() {
        return useBundledDataset;
    }

    public StringProperty datasetFolderProperty() {
        return datasetFolder;
    }

    public StringProperty splitProperty() {
        return split;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public IntegerProperty channelsProperty() {
        return channels;
    }

    public StringProperty meanProperty() {
        return mean;
    }

    public StringProperty stdProperty() {
        return std;
    }

    public StringProperty layoutProperty() {
        return layout;
    }

    public IntegerProperty limitProperty() {
        return limit;
    }

    public IntegerProperty threadsProperty() {
        return threads;
    }

    public IntegerProperty batchProperty() {
        return batch;
    }

    public IntegerProperty runsProperty() {
        return runs;
    }

    public ReadOnlyStringProperty preprocessingSourceProperty() {
        return preprocessingSource;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return running.busyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return running.progressProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return running.statusProperty();
    }

    public ReadOnlyObjectProperty<EvaluationResult> resultProperty() {
        return result;
    }

    public ObservableList<HistogramBin> histogram() {
        return histogramView;
    }

    public StringBinding validationMessageProperty() {
        return validationMessage;
    }

    public BooleanBinding invalidProperty() {
        return invalid;
    }
}

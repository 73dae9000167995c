package org.compresslab.ui.tradeoff;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.study.Run;
import org.compresslab.study.TradeOff;
import org.compresslab.study.TradeOffAxis;
import org.compresslab.study.TradeOffPoint;
import org.compresslab.study.chart.ChartExport;
import org.compresslab.study.chart.TradeOffChartFactory;
import org.compresslab.ui.dialogs.DialogService;
import org.compresslab.ui.dialogs.DialogService.FileFilter;

/**
 * The trade-off chart's state: the project's runs as points against the chosen cost axis, with the
 * Pareto front. Recomputed whenever the runs or the axis change; FX thread only.
 *
 * <p>The chart's points are addressed as JFreeChart addresses them, by series key and item index: one
 * series for the baseline evaluations ({@value #BASELINE_SERIES}) and one per technique family (its id),
 * each holding its points in the order of {@link TradeOff#points()}, as {@link TradeOffChartFactory} builds them.
 */
public final class TradeOffViewModel {
    static final String BASELINE_SERIES = "baseline";
    /** Exported charts: large enough for a slide or a printed page, text still legible. */
    static final int EXPORT_WIDTH = 1000;
    static final int EXPORT_HEIGHT = 625;

    private final ObservableList<Run> runs;
    private final DialogService dialogs;
    private final TechniqueRegistry registry = TechniqueRegistry.standard();
    private final ObjectProperty<TradeOffAxis> axis = new SimpleObjectProperty<>(TradeOffAxis.LATENCY_P50);
    private final ReadOnlyObjectWrapper<TradeOff> tradeOff = new ReadOnlyObjectWrapper<>();
    private Consumer<String> onRunClicked = id -> { };

    /** A chart without export (no dialogs to ask for a file). */
    public TradeOffViewModel(ObservableList<Run> runs) {
        this(runs, null);
    }

    /** @param dialogs asks where to export the chart; null when exporting is not offered */
    public TradeOffViewModel(ObservableList<Run> runs, DialogService dialogs) {
        this.runs = runs;
        this.dialogs = dialogs;
        runs.addListener((ListChangeListener<Run>) c -> update());
        axis.addListener((o, was, now) -> update());
        update();
    }

    private void update() {
        tradeOff.set(TradeOff.of(List.copyOf(runs), axis.get() == null ? TradeOffAxis.LATENCY_P50 : axis.get()));
    }

    /** Input: what x shows. */
    public ObjectProperty<TradeOffAxis> axisProperty() {
        return axis;
    }

    /** Output: the points and the front for the chart. */
    public ReadOnlyObjectProperty<TradeOff> tradeOffProperty() {
        return tradeOff.getReadOnlyProperty();
    }

    /** A line for above the chart: how many runs are plotted and how many lie on the front. */
    public String summary() {
        TradeOff t = tradeOff.get();
        return t.points().size() + " evaluated run(s) plotted, " + t.front().size() + " on the Pareto front";
    }

    /** What clicking a point does with its run's id (e.g. open the run); nothing until set. */
    public void setOnRunClicked(Consumer<String> action) {
        onRunClicked = Objects.requireNonNull(action, "action");
    }

    /** The point drawn as item {@code item} of the series {@code seriesKey}; empty for anything else. */
    public Optional<TradeOffPoint> pointAt(Comparable<?> seriesKey, int item) {
        if (seriesKey == null || item < 0) {
            return Optional.empty();
        }
        String key = seriesKey.toString();
        List<TradeOffPoint> series = tradeOff.get().points().stream()
                .filter(p -> p.isBaseline() ? key.equals(BASELINE_SERIES) : key.equals(p.family().id()))
                .toList();
        return item < series.size() ? Optional.of(series.get(item)) : Optional.empty();
    }

    /** The run behind a point of the chart. */
    public Optional<Run> runAt(Comparable<?> seriesKey, int item) {
        return pointAt(seriesKey, item).flatMap(p -> runs.stream().filter(r -> r.id().equals(p.runId())).findFirst());
    }

    /** Input from the view: the user clicked a point; its run's id goes to {@link #setOnRunClicked the action}. */
    public void pointClicked(Comparable<?> seriesKey, int item) {
        pointAt(seriesKey, item).ifPresent(p -> onRunClicked.accept(p.runId()));
    }

    /**
     * What hovering a point shows: the run's name, technique, top-1 with its interval and sample size,
     * latency and the runtime that timed it, size (and the axis' own figure when it is MACs or parameters); null off the points.
     */
    public String tooltip(Comparable<?> seriesKey, int item) {
        Optional<Run> run = runAt(seriesKey, item);
        if (run.isEmpty() || run.get().result() == null) {
            return null;
        }
        Run r = run.get();
        EvaluationResult e = r.result();
        var acc = e.accuracy();
        StringBuilder b = new StringBuilder(r.name()).append('\n').append(technique(r.kind())).append('\n')
                .append(String.format(Locale.ROOT, "top-1 %.2f%% (95%% CI %.2f–%.2f%%, %d images)%n",
                        100 * acc.top1(), 100 * acc.top1Ci95().lo(), 100 * acc.top1Ci95().hi(), acc.n()))
                .append(String.format(Locale.ROOT, "latency p50 %.4g ms (p90 %.4g, p99 %.4g) in %s%n",
                        e.latency().p50(), e.latency().p90(), e.latency().p99(), e.runtime()))
                .append(String.format(Locale.ROOT, "size %,d bytes (gzip %,d)", e.size().bytes(),
                        e.size().gzipBytes()));
        TradeOffAxis a = tradeOff.get().axis();
        if (a == TradeOffAxis.MACS || a == TradeOffAxis.PARAMS) {
            b.append(String.format(Locale.ROOT, "%n%s %,d", a.label(), (long) a.of(e)));
        }
        return b.toString();
    }

    /** Whether {@link #exportChart()} can ask for a file. */
    public boolean canExport() {
        return dialogs != null;
    }

    /** Asks for a file and saves the chart there, as PNG or SVG by the name's extension. */
    public void exportChart() {
        if (dialogs == null) {
            return;
        }
        String initialName = "trade-off-" + tradeOff.get().axis().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + ".png";
        dialogs.saveFile("Export chart", null, initialName, FileFilter.of("PNG picture", "*.png"),
                FileFilter.of("SVG drawing (sharp when printed)", "*.svg")).ifPresent(this::exportChart);
    }

    /**
     * Saves the chart as it is now to {@code file}: .svg writes a drawing, .png a picture, a name without
     * an extension gets .png; any other extension is refused in plain words.
     *
     * @return the file written, empty if nothing was
     */
    public Optional<Path> exportChart(Path file) {
        Path target = file;
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!name.contains(".")) {
            target = file.resolveSibling(name + ".png");
        } else if (ChartExport.Format.of(file).isEmpty()) {
            showError("A chart is saved as .png (a picture) or .svg (a drawing that stays sharp when printed); "
                    + name + " is neither. Choose a name ending in .png or .svg.", null);
            return Optional.empty();
        }
        try {
            ChartExport.write(TradeOffChartFactory.create(tradeOff.get()), target, EXPORT_WIDTH, EXPORT_HEIGHT);
            return Optional.of(target);
        } catch (IOException e) {
            showError("Could not write the chart to " + target + ": " + reason(e) + ".", e);
            return Optional.empty();
        }
    }

    private void showError(String message, Throwable details) {
        if (dialogs != null) {
            dialogs.showError("Could not export the chart", message, details);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "CompressLab is not allowed to write there";
        }
        if (e instanceof NoSuchFileException) {
            return "the folder does not exist";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return f.getReason(); // its message repeats the file, which the sentence already names
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private String technique(String kind) {
        if (Run.KIND_EVALUATE.equals(kind)) {
            return "evaluation (no compression)";
        }
        try {
            return registry.find(kind).descriptor().title();
        } catch (InvalidRecipeException e) {
            return kind;
        }
    }
}

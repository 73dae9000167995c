package org.compresslab.ui.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.compresslab.compress.InvalidRecipeException;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ComparisonResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.PairedComparison;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.Project;
import org.compresslab.study.Run;
import org.compresslab.study.RunComparison;
import org.compresslab.study.report.ProjectReport;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.RunningTask;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;

/**
 * The Compare page: every evaluated run of the project against the baseline (chosen as the report
 * chooses it: the evaluation of the project's baseline model), and for two selected runs the
 * interleaved measurement — the trustworthy latency ratio — run on demand as an exclusive task.
 * FX thread only; the table follows the project's run list.
 */
public final class CompareViewModel {
    static final String NO_BASELINE = "Nothing to compare yet: evaluate the baseline model on the Evaluate page."
            + " Every run is then compared with that evaluation.";

    private final Supplier<Project> project;
    private final TechniqueRegistry registry = TechniqueRegistry.standard();

    private final ObservableList<CompareRow> rows = FXCollections.observableArrayList();
    private final ObservableList<CompareRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final StringProperty emptyMessage = new SimpleStringProperty(NO_BASELINE);
    private final StringProperty baselineText = new SimpleStringProperty("");
    private final ObservableList<String> selection = FXCollections.observableArrayList();
    private final RunningTask running;
    private final ObjectProperty<ComparisonResult> result = new SimpleObjectProperty<>();
    private final StringProperty resultTitle = new SimpleStringProperty("");
    private final ObservableList<String> resultLines = FXCollections.observableArrayList();
    private final ObservableList<String> resultLinesView = FXCollections.unmodifiableObservableList(resultLines);
    /** The two runs the shown result is about, so a result about runs no longer in the project goes. */
    private List<String> resultRuns = List.of();
    private final StringBinding selectionHint;
    private final BooleanBinding canCompare;

    public CompareViewModel(TaskExecutor tasks, ObservableList<Run> runs, Supplier<Project> project) {
        this.running = new RunningTask(tasks);
        this.project = project;
        selectionHint = Bindings.createStringBinding(this::hint, selection, rows, running.busyProperty());
        canCompare = selectionHint.isEmpty();
        runs.addListener((ListChangeListener<Run>) c -> refresh());
        refresh();
    }

    /**
     * The run the table compares with: the one the report compares with too (the evaluation of the
     * project's baseline model, else the first evaluation, else the first evaluated run); empty when
     * nothing has been evaluated.
     */
    static Optional<Run> baseline(Project p) {
        if (p == null || p.runs().stream().noneMatch(r -> r.result() != null && Run.FINISHED.equals(r.status()))) {
            return Optional.empty();
        }
        return Optional.of(ProjectReport.chooseBaseline(p));
    }

    /** Rebuilds the table from the project's runs. */
    public void refresh() {
        Project p = project.get();
        if (!resultRuns.isEmpty() && (p == null || resultRuns.stream().anyMatch(id -> p.run(id).isEmpty()))) {
            clearResult(); // e.g. another project was opened
        }
        Optional<Run> base = baseline(p);
        if (base.isEmpty()) {
            rows.clear();
            emptyMessage.set(NO_BASELINE);
            baselineText.set("");
            return;
        }
        Run b = base.get();
        rows.setAll(RunComparison.rows(p, b).stream()
                .map(r -> new CompareRow(r, technique(r.kind()), r.runId().equals(b.id()))).toList());
        emptyMessage.set("");
        baselineText.set(String.format(Locale.ROOT, "Compared with “%s”: %s on %,d images. Ratios come from the"
                        + " runs' own evaluations; select two runs and time them interleaved for a trustworthy"
                        + " speed-up.", b.name(), b.result().model(), b.result().accuracy().n()));
        selection.removeIf(id -> p.run(id).isEmpty());
    }

    private String technique(String kind) {
        if (Run.KIND_EVALUATE.equals(kind)) {
            return "Evaluation";
        }
        try {
            return registry.find(kind).descriptor().title();
        } catch (InvalidRecipeException e) {
            return kind; // a technique of another version: its id still says what it was
        }
    }

    /** Input: the runs selected in the table, by id. */
    public void setSelection(List<String> runIds) {
        selection.setAll(runIds);
    }

    private String hint() {
        if (running.isBusy()) {
            return "A comparison is running.";
        }
        if (selection.size() != 2) {
            return rows.size() < 2 ? "Comparing needs two evaluated runs: compress the model first."
                    : "Select two runs (Ctrl-click) to time them interleaved.";
        }
        Project p = project.get();
        for (String id : selection) {
            Optional<Run> r = p == null ? Optional.empty() : p.run(id);
            if (r.isEmpty() || r.get().modelFile() == null) {
                return "“" + r.map(Run::name).orElse(id) + "” has no model to measure.";
            }
        }
        return "";
    }

    /** Times the two selected runs' models interleaved (queued behind other measurements). */
    public void compare() {
        if (!canCompare.get()) {
            return;
        }
        Project p = project.get();
        DatasetChoice dataset = p.dataset();
        if (dataset == null) {
            running.setStatus("The project has no dataset yet: evaluate the baseline on the Evaluate page first.");
            return;
        }
        // A is the run made first (usually the baseline or the parent), so "B is faster" reads forwards
        List<Run> pair = p.runs().stream().filter(r -> selection.contains(r.id())).toList();
        Run a = pair.get(0);
        Run b = pair.get(1);
        Path fileA = p.resolve(a.modelFile());
        Path fileB = p.resolve(b.modelFile());
        EvaluationSettings settings = p.settings();
        clearResult();
        BackgroundTask<ComparisonResult> task = BackgroundTask.<ComparisonResult>of(
                "Compare " + a.name() + " with " + b.name(), (listener, cancel) -> {
                    ModelFile ma = ModelFile.load(fileA);
                    ModelFile mb = ModelFile.load(fileB);
                    ImageDataset images = Datasets.open(dataset.spec(), dataset.split());
                    return new PairedComparison().compare(ma, preprocessing(ma, dataset), mb, preprocessing(mb, dataset),
                            images, settings, listener, cancel);
                })
                .exclusive()
                .onSuccess(r -> {
                    running.finish(String.format(Locale.ROOT, "Compared on %,d images, %d timed runs each.",
                            r.mcnemar().n(), r.a().latency().n()));
                    result.set(r);
                    resultRuns = List.of(a.id(), b.id());
                    resultTitle.set("A = " + a.name() + " (" + r.a().model() + ") · B = " + b.name() + " ("
                            + r.b().model() + ")");
                    resultLines.setAll(resultLines(r));
                })
                .onFailure(e -> running.finish("Failed: " + UserMessages.plain(e)))
                .onCancelled(() -> running.finish("Cancelled."));
        running.start(task);
    }

    /** The run's own preprocessing when the project names none, as the CLI's compare does. */
    private static Preprocessing preprocessing(ModelFile m, DatasetChoice dataset) {
        if (dataset.preprocessing() != null) {
            return dataset.preprocessing();
        }
        return m.preprocessingOrDefault().orElseThrow(() -> new IllegalArgumentException(m.displayName()
                + " does not say its input size and the project has no preprocessing; set it on the Evaluate page"));
    }

    private void clearResult() {
        result.set(null);
        resultRuns = List.of();
        resultLines.clear();
        resultTitle.set("");
    }

    public void cancel() {
        running.cancel();
    }

    /** The comparison in words: speed-up with its interval, accuracy difference, McNemar, agreement, conditions. */
    static List<String> resultLines(ComparisonResult r) {
        List<String> lines = new ArrayList<>();
        var s = r.speedup();
        String interval = String.format(Locale.ROOT, "95%% interval %.2f–%.2f×", s.lo(), s.hi());
        if (s.contains(1.0)) {
            lines.add(String.format(Locale.ROOT, "Speed: no clear difference — B/A speed-up %.2f× (%s includes 1)",
                    s.median(), interval));
        } else if (s.median() > 1) {
            lines.add(String.format(Locale.ROOT, "Speed: B is %.2f× faster than A (%s)", s.median(), interval));
        } else {
            lines.add(String.format(Locale.ROOT, "Speed: B is %.2f× slower than A (speed-up %.2f×, %s)",
                    1 / s.median(), s.median(), interval));
        }
        lines.add(String.format(Locale.ROOT, "Latency p50: A %.3f ms, B %.3f ms (median of %d interleaved runs each)",
                r.a().latency().p50(), r.b().latency().p50(), r.a().latency().n()));
        double delta = r.b().accuracy().top1() - r.a().accuracy().top1();
        lines.add(String.format(Locale.ROOT, "Top-1: A %.2f%%, B %.2f%% — difference %s on %,d images",
                100 * r.a().accuracy().top1(), 100 * r.b().accuracy().top1(), CompareRow.deltaText(delta),
                r.mcnemar().n()));
        var m = r.mcnemar();
        String p = CompareRow.pValueText(m.pValue());
        lines.add(String.format(Locale.ROOT, "McNemar p %s: %s (only A right on %,d images, only B right on %,d)",
                p.startsWith("<") ? p : "= " + p, m.pValue() < 0.05 ? "a real difference at the 5% level"
                        : "the difference could be chance", m.onlyA(), m.onlyB()));
        var g = r.agreement();
        lines.add(String.format(Locale.ROOT, "Agreement: same top-1 class on %.2f%% of images; mean KL %.3g, mean cosine %.5f",
                100 * g.top1Agreement(), g.meanKl(), g.meanCosine()));
        lines.add(String.format(Locale.ROOT, "Measured with batch %d, %d thread(s), optimisation %s, %s", r.a().batch(),
                r.a().threads(), r.a().optimizationText(), r.a().cpu()));
        return lines;
    }

    // ---- properties ----------------------------------------------------------------------------

    public ObservableList<CompareRow> rows() {
        return rowsView;
    }

    /** What to do when there is nothing to compare; empty when the table has rows. */
    public ReadOnlyStringProperty emptyMessageProperty() {
        return emptyMessage;
    }

    public ReadOnlyStringProperty baselineTextProperty() {
        return baselineText;
    }

    /** Why the compare button is off; empty when two comparable runs are selected. */
    public StringBinding selectionHintProperty() {
        return selectionHint;
    }

    public BooleanBinding canCompareProperty() {
        return canCompare;
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

    public ReadOnlyObjectProperty<ComparisonResult> resultProperty() {
        return result;
    }

    public ReadOnlyStringProperty resultTitleProperty() {
        return resultTitle;
    }

    public ObservableList<String> resultLines() {
        return resultLinesView;
    }
}

package org.compresslab.ui.atlas;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.AtlasFamilies;
import org.compresslab.study.AtlasFamily;
import org.compresslab.study.AtlasInputs;
import org.compresslab.study.AtlasRow;
import org.compresslab.study.AtlasRuns;
import org.compresslab.study.LayerAtlas;
import org.compresslab.study.LayerAtlasScan;
import org.compresslab.ui.dialogs.DialogService;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.RunningTask;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;

/**
 * The per-layer atlas page: runs every sensitivity analysis on the baseline as one exclusive background
 * task, keeps the last atlas of the current model, and turns a selected row into a new run ("keep this
 * layer in float", "don't prune this layer") handed to {@code startRun}. FX thread only.
 */
public final class AtlasViewModel {
    private final DialogService dialogs;
    private final Supplier<AtlasInputs> inputs;
    private final Consumer<Recipe> startRun;
    private final LayerAtlasScan scan = new LayerAtlasScan(TechniqueRegistry.standard());

    private final ObjectProperty<ModelFile> model = new SimpleObjectProperty<>();
    private final IntegerProperty probeImages = new SimpleIntegerProperty(scan.defaultProbeImages());
    private final RunningTask running;
    private final ObjectProperty<LayerAtlas> atlas = new SimpleObjectProperty<>();
    private final ObservableList<AtlasRow> rows = FXCollections.observableArrayList();
    private final ObservableList<AtlasRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObjectProperty<AtlasRow> selected = new SimpleObjectProperty<>();
    private final ObjectProperty<String> chartFamily = new SimpleObjectProperty<>();
    private final StringBinding emptyMessage;
    private final BooleanBinding canKeepInFloat;
    private final BooleanBinding canDontPrune;

    /**
     * @param inputs   called on the FX thread when the user presses "Analyse layers": the baseline and its
     *                 data (opened later, in the background); null when there is no model; may throw with
     *                 a plain message
     * @param startRun receives the recipe of a new run the user asked for from a row
     */
    public AtlasViewModel(TaskExecutor tasks, DialogService dialogs, Supplier<AtlasInputs> inputs,
                          Consumer<Recipe> startRun) {
        this.running = new RunningTask(tasks);
        this.dialogs = dialogs;
        this.inputs = inputs;
        this.startRun = startRun;
        emptyMessage = Bindings.createStringBinding(this::emptyText, model, atlas, running.busyProperty(), probeImages);
        canKeepInFloat = Bindings.createBooleanBinding(() -> covers(AtlasFamilies.QUANTIZATION), selected);
        canDontPrune = Bindings.createBooleanBinding(() -> covers(AtlasFamilies.PRUNING), selected);
    }

    private boolean covers(String family) {
        return selected.get() != null && selected.get().measurement(family).isPresent();
    }

    private String emptyText() {
        if (atlas.get() != null) {
            return "";
        }
        if (running.isBusy()) {
            return "Analysing the layers… the table appears when every analysis has finished.";
        }
        if (model.get() == null) {
            return "Open a model to see how sensitive each of its layers is to quantization and to pruning.";
        }
        return String.format(Locale.ROOT, "Press \u201cAnalyse layers\u201d to measure, one layer at a time, what int8 "
                + "quantization and channel pruning cost in accuracy. Every variant is scored on %,d images; "
                + "larger models take minutes.", probeImages.get());
    }

    /**
     * The model the page is about. The atlas of the same file is kept (reopening a project does not lose
     * it); another model's clears it and cancels an analysis still running.
     */
    public void setModel(ModelFile m) {
        if (sameModel(model.get(), m)) {
            model.set(m);
            return;
        }
        cancel();
        model.set(m);
        showAtlas(null);
        running.clearStatus();
    }

    private static boolean sameModel(ModelFile a, ModelFile b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.path() == null || b.path() == null) {
            return a == b;
        }
        return normal(a.path()).equals(normal(b.path()));
    }

    private static Path normal(Path p) {
        return p.toAbsolutePath().normalize();
    }

    /** Runs every analysis on the baseline (queued behind other measurements). */
    public void analyse() {
        if (running.isBusy()) {
            return;
        }
        AtlasInputs in;
        try {
            in = inputs.get();
        } catch (RuntimeException e) {
            running.setStatus("Cannot analyse: " + UserMessages.plain(e));
            return;
        }
        if (in == null) {
            running.setStatus("Open a model first.");
            return;
        }
        if (model.get() == null) {
            model.set(in.baseline());
        }
        ModelFile analysed = in.baseline();
        int images = probeImages.get();
        long start = System.nanoTime();
        BackgroundTask<LayerAtlas> task = BackgroundTask.<LayerAtlas>of("Analyse layers of " + analysed.displayName(),
                        (p, cancel) -> scan.run(in, images, p, cancel))
                .exclusive()
                .onSuccess(a -> {
                    if (!sameModel(model.get(), analysed)) {
                        // another model was opened meanwhile: the cancel came too late to stop the work
                        running.finish("Cancelled; another model was opened.");
                        return;
                    }
                    running.finish(String.format(Locale.ROOT, "Analysed %d layers on %,d images in %.0f s.", a.rows().size(),
                            a.families().get(0).images(), (System.nanoTime() - start) / 1e9));
                    showAtlas(a);
                })
                .onFailure(e -> {
                    running.finish("Failed: " + UserMessages.plain(e));
                    dialogs.showError("Layer analysis failed", UserMessages.plain(e), e);
                })
                .onCancelled(() -> running.finish(atlas.get() == null ? "Cancelled." : "Cancelled; the previous analysis is kept."));
        running.start(task);
    }

    private void showAtlas(LayerAtlas a) {
        selected.set(null);
        List<AtlasFamily> curves = a == null ? List.of() : a.curveFamilies();
        if (curves.stream().noneMatch(f -> f.id().equals(chartFamily.get()))) {
            chartFamily.set(curves.isEmpty() ? null : curves.get(0).id());
        }
        rows.setAll(a == null ? List.of() : a.rows());
        atlas.set(a);
    }

    public void cancel() {
        running.cancel();
    }

    /** Starts static int8 quantization with the selected layer kept in float. */
    public void keepInFloat() {
        if (canKeepInFloat.get()) {
            String layer = selected.get().layer();
            startRun.accept(AtlasRuns.keepInFloat(layer));
            running.setStatus("Queued a new run: static int8 quantization with " + layer + " kept in float.");
        }
    }

    /** Starts channel pruning that leaves the selected layer alone. */
    public void dontPrune() {
        if (canDontPrune.get()) {
            String layer = selected.get().layer();
            startRun.accept(AtlasRuns.dontPrune(layer));
            List<String> tied = tiedLayers(selected.get());
            running.setStatus("Queued a new run: channel pruning that leaves " + layer + " alone"
                    + (tied.isEmpty() ? "." : " (and " + String.join(", ", tied) + ", which share its channels)."));
        }
    }

    /** The layers pruned together with {@code row}'s layer: "don't prune" leaves them alone too. */
    public static List<String> tiedLayers(AtlasRow row) {
        return row.measurement(AtlasFamilies.PRUNING).map(m -> m.sharedWith()).orElse(List.of());
    }

    // ---- text for the page (the view only displays these) ---------------------------------------

    /** A drop (fraction) in percentage points; positive = worse. */
    public static String pointsText(double drop) {
        double pts = 100 * drop;
        return String.format(Locale.ROOT, "%.1f", Math.abs(pts) < 0.05 ? 0.0 : pts);
    }

    public static String paramsText(long params) {
        return params < 0 ? "—" : String.format(Locale.ROOT, "%,d", params);
    }

    /** What the cells mean, and what the darkest colour stands for in each family. */
    public String legendText() {
        LayerAtlas a = atlas.get();
        if (a == null) {
            return "";
        }
        AtlasFamily first = a.families().get(0);
        List<String> scales = new ArrayList<>();
        for (AtlasFamily f : a.families()) {
            String name = f.title().toLowerCase(Locale.ROOT);
            scales.add(f.hasCurve()
                    ? name + " " + pointsText(f.curveHeatScale()) + " points (its mean column " + pointsText(f.heatScale()) + ")"
                    : name + " " + pointsText(f.heatScale()) + " points");
        }
        return String.format(Locale.ROOT, "Top-1 drop in points against the unchanged model (%.2f%% on %,d images). "
                        + "Darker = more sensitive; darkest = %s. \u2014 = not scanned.", 100 * first.floatAccuracy(),
                first.images(), String.join(", ", scales));
    }

    /** The families' notes and the scan's warnings, one per line. */
    public String notesText() {
        LayerAtlas a = atlas.get();
        if (a == null) {
            return "";
        }
        List<String> lines = new ArrayList<>(a.warnings());
        for (AtlasFamily f : a.families()) {
            f.notes().forEach(n -> lines.add(f.title() + ": " + n));
        }
        return String.join("\n", lines);
    }

    // ---- properties ------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<ModelFile> modelProperty() {
        return model;
    }

    /** Input: images each variant is scored on. */
    public IntegerProperty probeImagesProperty() {
        return probeImages;
    }

    public int minProbeImages() {
        return scan.minProbeImages();
    }

    public int maxProbeImages() {
        return scan.maxProbeImages();
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

    public ReadOnlyObjectProperty<LayerAtlas> atlasProperty() {
        return atlas;
    }

    /** The atlas's rows, in graph order. */
    public ObservableList<AtlasRow> rows() {
        return rowsView;
    }

    /** Input: the row the user selected (the view keeps it in step with the table). */
    public ObjectProperty<AtlasRow> selectedProperty() {
        return selected;
    }

    /** Input: the family whose curve the chart shows (set to the first curve family of a new atlas). */
    public ObjectProperty<String> chartFamilyProperty() {
        return chartFamily;
    }

    /** What to do when there is no atlas yet; empty once there is one. */
    public StringBinding emptyMessageProperty() {
        return emptyMessage;
    }

    public BooleanBinding canKeepInFloatProperty() {
        return canKeepInFloat;
    }

    public BooleanBinding canDontPruneProperty() {
        return canDontPrune;
    }
}

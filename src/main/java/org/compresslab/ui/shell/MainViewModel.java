package org.compresslab.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.compresslab.eval.ModelFile;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.runtime.InferenceException;
import org.compresslab.runtime.ModelFormat;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.DemoProject;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.study.Run;
import org.compresslab.study.report.CsvReport;
import org.compresslab.study.report.HtmlReport;
import org.compresslab.study.report.ProjectReport;
import org.compresslab.study.report.RunExport;
import org.compresslab.ui.dialogs.DialogService;
import org.compresslab.ui.dialogs.DialogService.FileFilter;
import org.compresslab.ui.evaluate.EvaluateViewModel;
import org.compresslab.ui.tasks.BackgroundTask;
import org.compresslab.ui.tasks.TaskExecutor;
import org.compresslab.ui.tasks.UserMessages;

/**
 * The workbench's state and commands: the open project and its baseline model, open/save/new,
 * recent projects, and recording evaluations as runs. Feature view-models (inspector, evaluate, runs)
 * are told when the model changes; none of them touches the project directly.
 */
public final class MainViewModel {
    static final FileFilter ONNX = FileFilter.of("ONNX models", "*.onnx");

    private final TaskExecutor tasks;
    private final DialogService dialogs;
    private final AppPreferences preferences;
    private final ProjectStore store = new ProjectStore();
    private final ModelListener modelListener;

    private final ObjectProperty<Project> project = new SimpleObjectProperty<>();
    private final ObjectProperty<ModelFile> model = new SimpleObjectProperty<>();
    private final BooleanProperty dirty = new SimpleBooleanProperty(false);
    private final ObservableList<Run> runs = FXCollections.observableArrayList();
    private final ObjectProperty<Run> selectedRun = new SimpleObjectProperty<>();
    private final javafx.beans.property.ReadOnlyIntegerWrapper runOpenRequests =
            new javafx.beans.property.ReadOnlyIntegerWrapper(0);
    private final ObservableList<Path> recentProjects = FXCollections.observableArrayList();
    // one read-only view each: a new wrapper per call would drop listeners once collected
    private final ObservableList<Run> runsView = FXCollections.unmodifiableObservableList(runs);
    private final ObservableList<Path> recentView = FXCollections.unmodifiableObservableList(recentProjects);
    private final StringBinding title;

    /** Told when the baseline model or the project's remembered inputs change. */
    public interface ModelListener {
        void modelChanged(ModelFile model, Project project);
    }

    public MainViewModel(TaskExecutor tasks, DialogService dialogs, AppPreferences preferences, ModelListener modelListener) {
        this.tasks = tasks;
        this.dialogs = dialogs;
        this.preferences = preferences;
        this.modelListener = modelListener;
        recentProjects.setAll(preferences.recentProjects());
        title = Bindings.createStringBinding(() -> {
            Project p = project.get();
            String name = p == null ? "no project" : p.name();
            return (dirty.get() ? "• " : "") + name + " — CompressLab";
        }, project, dirty);
    }

    // ---- commands -----------------------------------------------------------------------------

    /** A fresh, empty project (asks to save unsaved changes first). */
    public void newProject() {
        if (!confirmDiscard()) {
            return;
        }
        show(new Project("Untitled project"), null);
    }

    public void openModelDialog() {
        dialogs.openFile("Open model", preferences.lastFolder(), FileFilter.MODELS).ifPresent(this::openModel);
    }

    /** A SavedModel is a folder, which a file chooser cannot pick. */
    public void openSavedModelDialog() {
        dialogs.chooseFolder("Open TensorFlow SavedModel folder", preferences.lastFolder()).ifPresent(this::openModel);
    }

    /**
     * Opens a model as the project's baseline (into a new project when none is open). Loading runs in
     * the background; a file that cannot be read leaves everything as it was and explains why.
     */
    public void openModel(Path file) {
        preferences.setLastFolder(file.toAbsolutePath().getParent());
        tasks.submit(BackgroundTask.of("Open " + file.getFileName(), (p, c) -> ModelFile.load(file))
                .onSuccess(m -> {
                    Project target = project.get();
                    if (target == null) {
                        target = new Project(Files.isDirectory(file) ? file.getFileName().toString()
                                : stripExtension(file.getFileName().toString()));
                        project.set(target);
                    }
                    boolean sameModel = target.baselineModel() != null
                            && target.resolve(target.baselineModel()).equals(file.toAbsolutePath().normalize());
                    target.setBaselineModel(file.toAbsolutePath().toString());
                    DatasetChoice dataset = target.dataset();
                    if (dataset == null) {
                        target.setDataset(new DatasetChoice(EvaluateViewModel.FASHION_MNIST, "test", null));
                    } else if (!sameModel && dataset.preprocessing() != null) {
                        // the remembered preprocessing was the previous model's: the new one brings its own
                        target.setDataset(new DatasetChoice(dataset.spec(), dataset.split(), null));
                    }
                    model.set(m);
                    refresh();
                    modelListener.modelChanged(m, target);
                })
                .onFailure(e -> dialogs.showError("Cannot open the model", UserMessages.plain(e), e)));
    }

    public void openProjectDialog() {
        dialogs.chooseFolder("Open project folder", preferences.lastFolder()).ifPresent(this::openProject);
    }

    /** Opens a saved project; a project that cannot be read is refused with the reason, the current one stays. */
    public void openProject(Path folder) {
        openProject(folder, null);
    }

    /** As {@link #openProject(Path)}; {@code fallback} (may be null) runs after the error when it fails. */
    private void openProject(Path folder, Runnable fallback) {
        if (!confirmDiscard()) {
            return;
        }
        tasks.submit(BackgroundTask.of("Open project " + folder.getFileName(), (p, c) -> {
                    Project loaded = store.load(folder);
                    List<String> warnings = new ArrayList<>(loaded.loadWarnings());
                    ModelFile m = null;
                    // a missing baseline is among the load warnings: the project opens without it
                    if (loaded.baselineModel() != null && Files.exists(loaded.resolve(loaded.baselineModel()))) {
                        try {
                            m = ModelFile.load(loaded.resolve(loaded.baselineModel()));
                        } catch (OnnxFormatException | InferenceException | org.compresslab.graph.GraphException e) {
                            warnings.add("The baseline model cannot be read (" + UserMessages.plain(e)
                                    + "); choose the baseline model again to evaluate or compress it.");
                        }
                    }
                    return new Opened(loaded, m, warnings);
                })
                .onSuccess(o -> {
                    show(o.project(), o.model());
                    preferences.addRecentProject(folder);
                    preferences.setLastFolder(folder.toAbsolutePath().getParent());
                    recentProjects.setAll(preferences.recentProjects());
                    if (!o.warnings().isEmpty()) {
                        dialogs.showInformation("Project opened with warnings", String.join("\n", o.warnings()));
                    }
                })
                .onFailure(e -> {
                    dialogs.showError("Cannot open the project", UserMessages.plain(e), e);
                    if (fallback != null) {
                        fallback.run();
                    }
                }));
    }

    private record Opened(Project project, ModelFile model, List<String> warnings) {
    }

    /** Opens the most recent project, else the demo project (created on first use). */
    public void openStartupProject() {
        Optional<Path> recent = preferences.recentProjects().stream().findFirst();
        if (recent.isPresent()) {
            // a last project that no longer opens still leaves the user in a working window
            openProject(recent.get(), this::openDemoProject);
            return;
        }
        openDemoProject();
    }

    private void openDemoProject() {
        try {
            openProject(DemoProject.ensure(DemoProject.dataFolder()));
        } catch (RuntimeException e) {
            dialogs.showError("Cannot create the demo project", UserMessages.plain(e), e);
            show(new Project("Untitled project"), null);
        }
    }

    /** Saves to the project's folder, or asks for one. Returns false when nothing was saved. */
    public boolean save() {
        Project p = project.get();
        if (p == null) {
            return false;
        }
        Optional<Path> folder = p.folder();
        return folder.isPresent() ? saveTo(folder.get()) : saveAs();
    }

    public boolean saveAs() {
        Project p = project.get();
        if (p == null) {
            return false;
        }
        Optional<Path> folder = dialogs.chooseFolder("Save project in folder (an empty or new folder)", preferences.lastFolder());
        return folder.isPresent() && saveTo(folder.get());
    }

    /**
     * Saves synchronously: saving is quick (atomic JSON plus model copies), and the caller (quit,
     * close) needs to know it worked before going on.
     */
    public boolean saveTo(Path folder) {
        Project p = project.get();
        try {
            store.save(p, folder);
        } catch (RuntimeException e) {
            dialogs.showError("The project was not saved", UserMessages.plain(e), e);
            return false;
        }
        preferences.addRecentProject(folder);
        preferences.setLastFolder(folder.toAbsolutePath().getParent());
        recentProjects.setAll(preferences.recentProjects());
        refresh();
        return true;
    }

    /** Records a finished evaluation of the baseline as a run of the project. */
    public void recordEvaluation(EvaluateViewModel.Evaluated e) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        p.setDataset(new DatasetChoice(e.datasetSpec(), e.split(), e.preprocessing()));
        p.setSettings(e.settings());
        String description = String.format(java.util.Locale.ROOT, "Evaluated %s on %s (%s split, %,d images)",
                e.result().model(), e.datasetSpec(), e.split(), e.result().accuracy().n());
        p.addRun(Run.evaluation("Baseline evaluation", description, p.baselineModel(), e.settings(), e.result()));
        refresh();
    }

    /**
     * Records a run made in the background (a compression step, a failed run) in the project it was
     * started on, and saves that project when it has a folder: results are kept as they finish. The
     * files are written off the UI thread (forcing them to disk takes a noticeable moment), one save at a
     * time; a run that arrives meanwhile is saved right after.
     */
    public void addRun(Project target, Run run) {
        target.addRun(run);
        if (target == project.get()) {
            refresh();
        }
        target.folder().ifPresent(f -> autosave(target));
    }

    private final java.util.Set<Project> saving = new java.util.HashSet<>();
    private final java.util.Set<Project> saveAgain = new java.util.HashSet<>();

    private void autosave(Project target) {
        if (!saving.add(target)) {
            saveAgain.add(target);
            return;
        }
        ProjectStore.PendingSave save;
        try {
            save = store.prepare(target, target.folder().orElseThrow());
        } catch (RuntimeException e) {
            saving.remove(target);
            dialogs.showError("The project was not saved", UserMessages.plain(e), e);
            return;
        }
        tasks.submit(BackgroundTask.of("Save " + target.name(), (p, c) -> {
                    save.write();
                    return save;
                })
                .onSuccess(s -> {
                    s.commit();
                    afterAutosave(target);
                })
                .onFailure(e -> {
                    dialogs.showError("The project was not saved", UserMessages.plain(e)
                            + " The results stay in the open project: save it elsewhere with File → Save as.", e);
                    afterAutosave(target);
                }));
    }

    private void afterAutosave(Project target) {
        saving.remove(target);
        if (target == project.get()) {
            refresh();
        }
        if (saveAgain.remove(target)) {
            autosave(target);
        }
    }

    // ---- export ---------------------------------------------------------------------------------

    static final FileFilter HTML = FileFilter.of("HTML report", "*.html");
    static final FileFilter RECIPE = FileFilter.of("Recipe (JSON)", "*.json");

    /**
     * Asks where, then writes the project's self-contained HTML report and, beside it, the same runs as
     * CSV ({@code report.html} → {@code report.csv}). The figures are taken now; the files are written in
     * the background.
     */
    public void exportReportDialog() {
        Project p = project.get();
        if (p == null || p.runs().stream().noneMatch(r -> r.result() != null)) {
            dialogs.showInformation("Nothing to report yet", "Evaluate the model or run a compression first: the "
                    + "report shows the project's measured runs.");
            return;
        }
        dialogs.saveFile("Export report", preferences.lastFolder(), safeFileName(p.name()) + ".html", HTML)
                .ifPresent(file -> {
                    preferences.setLastFolder(file.toAbsolutePath().getParent());
                    ProjectReport report = ProjectReport.of(p);
                    Path csv = file.resolveSibling(stripExtension(file.getFileName().toString()) + ".csv");
                    tasks.submit(BackgroundTask.of("Export report " + file.getFileName(), (pr, c) -> {
                                HtmlReport.write(report, file);
                                CsvReport.write(report, csv);
                                return file;
                            })
                            .onFailure(e -> dialogs.showError("The report was not written", UserMessages.plain(e), e)));
                });
    }

    /** Exports the selected run's model (.onnx), as it is in the project. */
    public void exportSelectedModelDialog() {
        Run run = selectedRun.get();
        Project p = project.get();
        if (run == null || p == null) {
            dialogs.showInformation("No run selected", "Select a run in the Runs table first.");
            return;
        }
        dialogs.saveFile("Export model", preferences.lastFolder(), safeFileName(run.name()) + ".onnx", ONNX)
                .ifPresent(file -> exportInBackground("Export model " + file.getFileName(),
                        () -> RunExport.exportModel(p, run, file)));
    }

    /** Exports the selected run's recipe, which {@code compresslab compress --recipe} reproduces. */
    public void exportSelectedRecipeDialog() {
        Run run = selectedRun.get();
        if (run == null) {
            dialogs.showInformation("No run selected", "Select a run in the Runs table first.");
            return;
        }
        dialogs.saveFile("Export recipe", preferences.lastFolder(), safeFileName(run.name()) + ".json", RECIPE)
                .ifPresent(file -> exportInBackground("Export recipe " + file.getFileName(),
                        () -> RunExport.exportRecipe(run, file)));
    }

    private void exportInBackground(String title, Runnable write) {
        tasks.submit(BackgroundTask.of(title, (pr, c) -> {
                    write.run();
                    return null;
                })
                .onFailure(e -> dialogs.showError("Nothing was exported", UserMessages.plain(e), e)));
    }

    private static String safeFileName(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._ -]+", "-").strip();
        return s.isEmpty() ? "export" : s;
    }

    /** Selects a run (e.g. clicked on the chart) and asks the window to show it. */
    public void openRun(String runId) {
        Project p = project.get();
        if (p == null) {
            return;
        }
        p.run(runId).ifPresent(r -> {
            selectedRun.set(r);
            runOpenRequests.set(runOpenRequests.get() + 1);
        });
    }

    /** The run the Runs page shows in detail and the export commands act on. */
    public ObjectProperty<Run> selectedRunProperty() {
        return selectedRun;
    }

    /** Counts requests to show a run; the window switches to the Runs page when it changes. */
    public javafx.beans.property.ReadOnlyIntegerProperty runOpenRequestsProperty() {
        return runOpenRequests.getReadOnlyProperty();
    }

    /** Whether the app may close: asks about unsaved changes and cancels running work. */
    public boolean prepareToQuit() {
        if (!confirmDiscard()) {
            return false;
        }
        tasks.cancelAll();
        preferences.flush();
        return true;
    }

    /** Asks to save unsaved changes; false when the user cancels (or the save failed). */
    private boolean confirmDiscard() {
        Project p = project.get();
        if (p == null || !p.isDirty()) {
            return true;
        }
        return switch (dialogs.askSaveChanges(p.name())) {
            case SAVE -> save();
            case DISCARD -> true;
            case CANCEL -> false;
        };
    }

    private void show(Project p, ModelFile m) {
        project.set(p);
        model.set(m);
        refresh();
        modelListener.modelChanged(m, p);
    }

    /** Mirrors the plain-Java project into the observable state after every command. */
    public void refresh() {
        Project p = project.get();
        dirty.set(p != null && p.isDirty());
        runs.setAll(p == null ? java.util.List.of() : p.runs());
        Run selected = selectedRun.get();
        if (selected != null) {
            // the project replaces runs (e.g. saving rewrites model paths): follow the run by id
            selectedRun.set(p == null ? null : p.run(selected.id()).orElse(null));
        }
    }

    private static String stripExtension(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Whether a dropped file is something this window can open. */
    public static boolean canOpen(Path file) {
        String n = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return (Files.isRegularFile(file) && (n.endsWith(".onnx") || ModelFormat.of(file) == ModelFormat.TORCHSCRIPT))
                || Files.isRegularFile(file.resolve(ProjectStore.PROJECT_FILE))
                || ModelFormat.of(file) == ModelFormat.SAVED_MODEL;
    }

    /** Opens a dropped or command-line path: a project folder or a model file. */
    public void open(Path file) {
        if (Files.isDirectory(file) && ModelFormat.of(file) != ModelFormat.SAVED_MODEL) {
            openProject(file);
        } else {
            openModel(file);
        }
    }

    // ---- properties ---------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Project> projectProperty() {
        return project;
    }

    public ReadOnlyObjectProperty<ModelFile> modelProperty() {
        return model;
    }

    public ReadOnlyBooleanProperty dirtyProperty() {
        return dirty;
    }

    public ObservableList<Run> runs() {
        return runsView;
    }

    public ObservableList<Path> recentProjects() {
        return recentView;
    }

    public StringBinding titleProperty() {
        return title;
    }

    public TaskExecutor tasks() {
        return tasks;
    }

    public AppPreferences preferences() {
        return preferences;
    }
}

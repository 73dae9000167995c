package org.compresslab.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.compresslab.eval.EvaluationSettings;

/**
 * A compression study: the baseline model, the dataset it is measured on, the last evaluation
 * settings and the runs made so far. Saved and opened by {@link ProjectStore}.
 *
 * <p>Model paths ({@link #baselineModel()}, {@link Run#modelFile()}) are '/'-separated paths relative
 * to the project folder once the project is saved; before its first save they may be absolute (a
 * model opened from anywhere, or made in a scratch folder), and saving copies those into the folder.
 * {@link #resolve} turns either kind into a file to open.
 *
 * <p>{@link #isDirty()} says whether there are unsaved changes: every mutator that changes something
 * sets it; saving and loading clear it. A new project is clean until something is set.
 *
 * <p>Not thread-safe: it is the UI's model and is meant to be changed on one thread (the FX thread);
 * background work hands its results back to that thread.
 */
public final class Project {
    private String name;
    private String baselineModel;
    private DatasetChoice dataset;
    private EvaluationSettings settings = EvaluationSettings.defaults();
    private final List<Run> runs = new ArrayList<>();
    private final List<Run> runsView = Collections.unmodifiableList(runs);
    private boolean dirty;
    /** Counts changes, so a save prepared earlier knows whether the project changed while it was writing. */
    private long changes;
    private Path folder;
    private List<String> loadWarnings = List.of();
    /** Runs as they were in the file, for those marked {@link Run#MISSING_MODEL} on load. */
    private final Map<String, Run> runsBeforeMissingModel = new HashMap<>();

    public Project(String name) {
        this.name = checkName(name);
    }

    public String name() {
        return name;
    }

    public void setName(String newName) {
        change(name, checkName(newName));
        name = newName;
    }

    /** The baseline model's path (see the class comment); null before one is chosen. */
    public String baselineModel() {
        return baselineModel;
    }

    /** @param path relative to the project folder, or absolute (copied into the folder on save); null for none */
    public void setBaselineModel(String path) {
        change(baselineModel, path);
        baselineModel = path;
    }

    /** The dataset the project measures on; null before one is chosen. */
    public DatasetChoice dataset() {
        return dataset;
    }

    public void setDataset(DatasetChoice choice) {
        change(dataset, choice);
        dataset = choice;
    }

    /** The evaluation settings used last (the defaults for a new project). */
    public EvaluationSettings settings() {
        return settings;
    }

    public void setSettings(EvaluationSettings newSettings) {
        Objects.requireNonNull(newSettings, "settings");
        change(settings, newSettings);
        settings = newSettings;
    }

    /** The runs in the order they were added; an unmodifiable live view. */
    public List<Run> runs() {
        return runsView;
    }

    public Optional<Run> run(String id) {
        return runs.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** @throws IllegalArgumentException if a run with the same id is already in the project */
    public void addRun(Run run) {
        Objects.requireNonNull(run, "run");
        if (run(run.id()).isPresent()) {
            throw new IllegalArgumentException("the project already has a run with id " + run.id());
        }
        runs.add(run);
        changed();
    }

    /**
     * Replaces the run with the same id (e.g. once a model made earlier has been evaluated).
     *
     * @throws IllegalArgumentException if there is no such run
     */
    public void replaceRun(Run run) {
        Objects.requireNonNull(run, "run");
        int index = indexOf(run.id());
        if (index < 0) {
            throw new IllegalArgumentException("the project has no run with id " + run.id());
        }
        runsBeforeMissingModel.remove(run.id());
        if (!run.equals(runs.get(index))) {
            runs.set(index, run);
            changed();
        }
    }

    /**
     * Removes a run from the project; its model file stays in the folder (the backup project file may
     * still refer to it).
     *
     * @return whether there was such a run
     */
    public boolean removeRun(String id) {
        int index = indexOf(id);
        if (index < 0) {
            return false;
        }
        runs.remove(index);
        runsBeforeMissingModel.remove(id);
        changed();
        return true;
    }

    public boolean isDirty() {
        return dirty;
    }

    /** The folder the project was last saved to or loaded from; empty before the first save. */
    public Optional<Path> folder() {
        return Optional.ofNullable(folder);
    }

    /**
     * The file a model path of this project names: relative paths against the project folder (against
     * the working directory before the first save), absolute paths as they are.
     */
    public Path resolve(String modelPath) {
        Path path = Path.of(modelPath);
        if (path.isAbsolute()) {
            return path;
        }
        return (folder == null ? path.toAbsolutePath() : folder.resolve(path)).normalize();
    }

    /**
     * What the last load found wrong without refusing the project (e.g. a run's model file is
     * missing), in plain words; empty for a project that was not loaded or loaded cleanly.
     */
    public List<String> loadWarnings() {
        return loadWarnings;
    }

    // ----- used by ProjectStore -------------------------------------------------------------

    /**
     * After a successful save: model paths rewritten to the saved ones, the folder remembered, clean —
     * unless it changed after the save was prepared ({@code changesAtSave}), as when a run finishes while
     * an earlier one is being written.
     */
    void savedTo(Path savedFolder, Map<String, String> newModelPaths, long changesAtSave) {
        if (baselineModel != null) {
            baselineModel = newModelPaths.getOrDefault(baselineModel, baselineModel);
        }
        for (int i = 0; i < runs.size(); i++) {
            Run run = runs.get(i);
            if (run.modelFile() != null) {
                runs.set(i, run.withModelFile(newModelPaths.getOrDefault(run.modelFile(), run.modelFile())));
            }
        }
        folder = savedFolder;
        dirty = changes != changesAtSave;
    }

    /** After a load: the folder remembered, the warnings kept, clean (or dirty when opened from a backup). */
    void loadedFrom(Path loadedFolder, List<String> warnings, boolean unsaved) {
        folder = loadedFolder;
        loadWarnings = List.copyOf(warnings);
        dirty = unsaved;
    }

    /**
     * Marks a run whose model file is missing, remembering the run as it was so that saving writes its
     * real status: "missing" is an observation about the folder, not part of the run's history.
     */
    void markModelMissing(String runId, String message) {
        int index = indexOf(runId);
        Run run = runs.get(index);
        runsBeforeMissingModel.put(runId, run);
        runs.set(index, run.withStatus(Run.MISSING_MODEL, message));
    }

    /** The run as it should be written: its real status when it is only marked as missing its model. */
    Run runAsSaved(Run run) {
        Run before = runsBeforeMissingModel.get(run.id());
        if (before != null && Run.MISSING_MODEL.equals(run.status())) {
            return run.withStatus(before.status(), before.message());
        }
        return run;
    }

    private int indexOf(String id) {
        for (int i = 0; i < runs.size(); i++) {
            if (runs.get(i).id().equals(id)) {
                return i;
            }
        }
        return -1;
    }

    private void change(Object oldValue, Object newValue) {
        if (!Objects.equals(oldValue, newValue)) {
            changed();
        }
    }

    private void changed() {
        dirty = true;
        changes++;
    }

    long changeCount() {
        return changes;
    }

    private static String checkName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a project needs a name");
        }
        return name;
    }
}

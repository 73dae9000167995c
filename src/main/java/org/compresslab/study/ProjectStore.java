package org.compresslab.study;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.compresslab.data.DatasetException;

/**
 * Saves and opens projects as folders:
 * <pre>
 * folder/project.json       the project ({@link ProjectJson}, format version 1)
 * folder/project.json.bak   the previous save, kept as a backup
 * folder/models/*.onnx      every model the project refers to
 * </pre>
 *
 * <p><b>Crash safety.</b> A save never damages what was saved before: model files are copied first
 * (each to a temporary, forced to disk, renamed into place); then {@code project.json.tmp} is written
 * and forced; the current {@code project.json} is copied to {@code project.json.bak} the same way;
 * only then is the temporary renamed over {@code project.json} and the folder forced. The backup is a
 * copy rather than a move so that there is no moment without a {@code project.json}. If anything fails
 * the temporaries and newly copied models are removed, the project in memory is left as it was (still
 * dirty, paths unchanged) and a {@link ProjectException} says what happened in plain words.
 *
 * <p><b>Loading</b> refuses, with a message, a folder without {@code project.json}, a damaged file
 * (offering the backup through {@link ProjectException#backupAvailable()} and {@link #loadBackup}), a
 * file of another format, and a file written by a newer CompressLab (never misread). A model file that
 * is missing does not refuse the project: the run is marked {@link Run#MISSING_MODEL} and
 * {@link Project#loadWarnings()} says so.
 *
 * <p>Stateless apart from its file sink; one instance can serve the whole application, but saves of
 * the same folder must not run concurrently.
 */
public final class ProjectStore {
    public static final String PROJECT_FILE = "project.json";
    public static final String BACKUP_FILE = "project.json.bak";
    public static final String MODELS_FOLDER = "models";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Indented objects, arrays on one line: readable, and predictions do not take a line per image. */
    private static final ObjectWriter WRITER = MAPPER.writerWithDefaultPrettyPrinter();

    private final AtomicFiles files;

    public ProjectStore() {
        this(FileSink.DURABLE);
    }

    /** For tests: a sink that fails part-way shows what a full disk does to a save. */
    ProjectStore(FileSink sink) {
        this.files = new AtomicFiles(sink);
    }

    /**
     * Saves the project into {@code folder} (created if needed), copying models from outside it into
     * {@code models/}. On success the project's model paths become the saved relative ones, its folder
     * is {@code folder} and it is clean. Saving to a different folder than the project's is "save as":
     * every model is copied and the old folder is left untouched.
     *
     * @throws ProjectException when it cannot save; the previous save in {@code folder} is then unchanged
     */
    public void save(Project project, Path folder) {
        PendingSave save = prepare(project, folder);
        save.write();
        save.commit();
    }

    /**
     * The first part of {@link #save}, on the project's thread: which models to copy and the project's
     * JSON, taken now. {@link PendingSave#write()} then does the file work on any thread (the UI keeps
     * responding while it forces files to disk) and {@link PendingSave#commit()} updates the project.
     */
    public PendingSave prepare(Project project, Path folder) {
        Path target = folder.toAbsolutePath().normalize();
        ModelRelocation relocation = ModelRelocation.plan(project, target);
        byte[] json;
        try {
            json = WRITER.writeValueAsBytes(ProjectJson.write(project, relocation::newPath));
        } catch (IOException e) {
            throw new ProjectException("Could not save the project to " + target + ": " + e.getMessage(), e);
        }
        return new PendingSave(project, target, relocation, json, project.changeCount());
    }

    /** A save prepared by {@link #prepare}: write it (any thread), then commit it (the project's thread). */
    public final class PendingSave {
        private final Project project;
        private final Path target;
        private final ModelRelocation relocation;
        private final byte[] json;
        private final long changesAtSave;
        private boolean written;

        private PendingSave(Project project, Path target, ModelRelocation relocation, byte[] json, long changesAtSave) {
            this.project = project;
            this.target = target;
            this.relocation = relocation;
            this.json = json;
            this.changesAtSave = changesAtSave;
        }

        public Path folder() {
            return target;
        }

        /** @throws ProjectException when it cannot save; the previous save in the folder is then unchanged */
        public void write() {
            Path projectFile = target.resolve(PROJECT_FILE);
            boolean hadProject = Files.exists(projectFile);
            List<Path> copied = new ArrayList<>();
            try {
                Files.createDirectories(target);
                if (!relocation.copies().isEmpty()) {
                    Files.createDirectories(target.resolve(MODELS_FOLDER));
                }
                for (ModelRelocation.Copy copy : relocation.copies()) {
                    Files.createDirectories(copy.destination().getParent()); // a SavedModel's sub-folders
                    files.write(copy.destination(), out -> Files.copy(copy.source(), out));
                    copied.add(copy.destination());
                }
                Path temp = AtomicFiles.tempFor(projectFile);
                files.writeTemp(temp, out -> out.write(json));
                try {
                    if (hadProject) {
                        files.write(target.resolve(BACKUP_FILE), out -> Files.copy(projectFile, out));
                    }
                    AtomicFiles.moveOver(temp, projectFile);
                } catch (IOException | RuntimeException e) {
                    AtomicFiles.deleteQuietly(temp);
                    throw e;
                }
            } catch (IOException | RuntimeException e) {
                copied.forEach(AtomicFiles::deleteQuietly);
                throw new ProjectException("Could not save the project to " + target + ": " + saveFailure(e, target)
                        + (hadProject ? "; the previous version is unchanged." : "; no project was saved there."), e);
            }
            AtomicFiles.syncDirectory(target);
            if (!copied.isEmpty()) {
                AtomicFiles.syncDirectory(target.resolve(MODELS_FOLDER));
            }
            written = true;
        }

        /** After {@link #write()}: the project's model paths become the saved ones; clean unless it changed since. */
        public void commit() {
            if (!written) {
                throw new IllegalStateException("commit before write");
            }
            project.savedTo(target, relocation.newPaths(), changesAtSave);
        }
    }

    /**
     * Opens the project saved in {@code folder}.
     *
     * @throws ProjectException saying why it cannot be opened; {@link ProjectException#backupAvailable()}
     *     tells whether {@link #loadBackup} may help
     */
    public Project load(Path folder) {
        return load(folder, PROJECT_FILE);
    }

    /**
     * Opens the previous save, {@code project.json.bak}, e.g. when {@code project.json} is damaged.
     * The project comes back dirty: saving it makes the backup the current version again.
     */
    public Project loadBackup(Path folder) {
        return load(folder, BACKUP_FILE);
    }

    private Project load(Path folder, String fileName) {
        Path dir = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ProjectException(Files.exists(dir)
                    ? "Could not open " + dir + ": it is a file; a CompressLab project is a folder with a "
                            + PROJECT_FILE + " in it."
                    : "Could not open the project: the folder " + dir + " does not exist.");
        }
        Path file = dir.resolve(fileName);
        boolean fromBackup = fileName.equals(BACKUP_FILE);
        boolean backupAvailable = !fromBackup && Files.isRegularFile(dir.resolve(BACKUP_FILE));
        String backupAdvice = backupAvailable
                ? " A backup of the previous save exists (" + BACKUP_FILE + "); you can open it instead,"
                        + " losing only the changes made since that save."
                : "";
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ProjectException(fromBackup
                    ? "Could not open the backup: " + dir + " has no " + BACKUP_FILE + "."
                    : "Could not open " + dir + ": it has no " + PROJECT_FILE
                            + ", so it is not a CompressLab project folder." + backupAdvice, e, backupAvailable);
        } catch (IOException e) {
            throw new ProjectException("Could not read " + file + ": " + describe(e, file) + ".", e, backupAvailable);
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw damaged(file, syntaxError(e), backupAdvice, backupAvailable, e);
        } catch (IOException e) {
            throw damaged(file, e.getMessage(), backupAdvice, backupAvailable, e);
        }
        if (root == null || root.isMissingNode()) {
            throw damaged(file, "it is empty", backupAdvice, backupAvailable, null);
        }
        String formatProblem = ProjectJson.formatProblem(root);
        if (formatProblem != null) {
            throw new ProjectException("Could not open " + dir + ": " + formatProblem);
        }
        Project project;
        try {
            project = ProjectJson.read(root);
        } catch (IllegalArgumentException | DatasetException e) {
            throw damaged(file, e.getMessage(), backupAdvice, backupAvailable, e);
        }
        project.loadedFrom(dir, List.of(), false); // first, so that model paths resolve against this folder
        List<String> warnings = checkModels(project);
        project.loadedFrom(dir, warnings, fromBackup);
        return project;
    }

    /** Marks runs whose model file is gone and lists every missing model as a warning. */
    private static List<String> checkModels(Project project) {
        List<String> warnings = new ArrayList<>();
        String baseline = project.baselineModel();
        if (baseline != null && !Files.exists(project.resolve(baseline))) { // a SavedModel baseline is a folder
            warnings.add("The baseline model " + baseline + " is missing from the project folder;"
                    + " choose the baseline model again to evaluate or compress it.");
        }
        for (Run run : List.copyOf(project.runs())) {
            // a SavedModel is a folder
            if (run.modelFile() != null && !Files.exists(project.resolve(run.modelFile()))) {
                project.markModelMissing(run.id(), "The model file " + run.modelFile() + " is missing from the"
                        + " project folder; the run's measurements are kept, but its model cannot be used.");
                warnings.add("Run \"" + run.name() + "\": its model file " + run.modelFile()
                        + " is missing from the project folder.");
            }
        }
        return warnings;
    }

    private static ProjectException damaged(Path file, String detail, String backupAdvice, boolean backupAvailable,
                                            Exception cause) {
        return new ProjectException("The project file " + file + " is damaged and cannot be read (" + detail + ")."
                + backupAdvice, cause, backupAvailable);
    }

    /** Jackson's message without its source excerpt and markers, which mean nothing to a user. */
    private static String syntaxError(JsonProcessingException e) {
        String what = e.getOriginalMessage();
        if (what.startsWith("Unexpected end-of-input")) {
            what = "it ends too early, as if writing it was cut off";
        } else {
            int cut = what.length();
            for (String noise : new String[] {"\n", " (start marker", " at [Source"}) {
                int at = what.indexOf(noise);
                cut = at < 0 ? cut : Math.min(cut, at);
            }
            what = what.substring(0, cut);
        }
        JsonLocation where = e.getLocation();
        return where == null || where.getLineNr() < 0 ? what : what + ", at line " + where.getLineNr();
    }

    /** Why a save failed, in words that complete "Could not save the project to …: ". */
    private static String saveFailure(Throwable e, Path target) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String text = (t.getMessage() + " " + (t instanceof FileSystemException f ? f.getReason() : ""))
                    .toLowerCase(Locale.ROOT);
            if (text.contains("no space left") || text.contains("not enough space") || text.contains("disk full")
                    || text.contains("disk quota")) {
                return "the disk is full. Free some space and save again";
            }
            if (t instanceof AccessDeniedException || text.contains("read-only file system")
                    || text.contains("permission denied")) {
                return "CompressLab is not allowed to write there (the folder is read-only or belongs to another"
                        + " user). Choose another folder or check its permissions";
            }
        }
        return describe(e, target);
    }

    /** The exception in words; the file is named unless it is the folder the message already names. */
    private static String describe(Throwable e, Path alreadyNamed) {
        if (e instanceof FileSystemException f) {
            String reason = f.getReason() == null ? e.getClass().getSimpleName() : f.getReason();
            boolean named = f.getFile() == null || f.getFile().equals(String.valueOf(alreadyNamed));
            return (named ? "" : f.getFile() + ": ") + reason;
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package org.compresslab.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a project's model files go when it is saved to a folder: a model already inside the folder
 * keeps its relative path; one outside it (a baseline opened from elsewhere, a model made in a scratch
 * folder, or every model on save-as) is copied into {@code models/} under a name not yet taken.
 * A model file that no longer exists cannot be copied: its path is kept (absolute if outside the
 * folder) so that the next load reports it missing rather than the save failing. A SavedModel baseline
 * is a folder: it is copied file by file into a folder of {@code models/}.
 */
final class ModelRelocation {

    /** One file to copy. */
    record Copy(Path source, Path destination) {
    }

    private final Map<String, String> newPaths = new LinkedHashMap<>();
    private final List<Copy> copies = new ArrayList<>();

    private ModelRelocation() {
    }

    /** @param target the absolute, normalised folder the project is being saved to */
    static ModelRelocation plan(Project project, Path target) {
        ModelRelocation plan = new ModelRelocation();
        Path models = target.resolve(ProjectStore.MODELS_FOLDER);
        Map<Path, String> bySource = new HashMap<>();
        Set<String> takenNames = new HashSet<>();
        List<String> paths = new ArrayList<>();
        if (project.baselineModel() != null) {
            paths.add(project.baselineModel());
        }
        for (Run run : project.runs()) {
            if (run.modelFile() != null) {
                paths.add(run.modelFile());
            }
        }
        for (String path : paths) {
            if (plan.newPaths.containsKey(path)) {
                continue;
            }
            Path source = project.resolve(path).toAbsolutePath().normalize();
            String newPath = bySource.get(source);
            if (newPath == null) {
                if (source.startsWith(target)) {
                    newPath = slashSeparated(target.relativize(source));
                } else if (Files.isDirectory(source)) {
                    String name = uniqueName(models, source.getFileName().toString(), takenNames);
                    plan.copies.addAll(folderCopies(source, models.resolve(name)));
                    newPath = ProjectStore.MODELS_FOLDER + "/" + name;
                } else if (!Files.isRegularFile(source)) {
                    newPath = source.toString();
                } else {
                    String name = uniqueName(models, source.getFileName().toString(), takenNames);
                    plan.copies.add(new Copy(source, models.resolve(name)));
                    newPath = ProjectStore.MODELS_FOLDER + "/" + name;
                }
                bySource.put(source, newPath);
            }
            plan.newPaths.put(path, newPath);
        }
        return plan;
    }

    /** One copy per file of a model folder (a SavedModel), keeping its layout under {@code destination}. */
    private static List<Copy> folderCopies(Path source, Path destination) {
        try (java.util.stream.Stream<Path> files = Files.walk(source)) {
            return files.filter(Files::isRegularFile)
                    .map(f -> new Copy(f, destination.resolve(source.relativize(f).toString())))
                    .toList();
        } catch (java.io.IOException e) {
            throw new ProjectException("Cannot read the model folder " + source + " to copy it into the project: "
                    + e.getMessage(), e);
        }
    }

    /** The path to write for one of the project's model paths. */
    String newPath(String oldPath) {
        return newPaths.getOrDefault(oldPath, oldPath);
    }

    Map<String, String> newPaths() {
        return newPaths;
    }

    List<Copy> copies() {
        return copies;
    }

    /**
     * The file name, or name-2, name-3 … before the extension, that neither exists in the folder nor
     * was given to another copy of this save. Compared case-insensitively because the folder may be on
     * a case-insensitive file system.
     */
    private static String uniqueName(Path folder, String fileName, Set<String> taken) {
        int dot = fileName.lastIndexOf('.');
        String stem = dot > 0 ? fileName.substring(0, dot) : fileName;
        String extension = dot > 0 ? fileName.substring(dot) : "";
        String candidate = fileName;
        for (int k = 2; Files.exists(folder.resolve(candidate)) || taken.contains(candidate.toLowerCase(Locale.ROOT)); k++) {
            candidate = stem + "-" + k + extension;
        }
        taken.add(candidate.toLowerCase(Locale.ROOT));
        return candidate;
    }

    /** '/'-separated so that a project saved on Windows opens elsewhere and vice versa. */
    private static String slashSeparated(Path relative) {
        StringBuilder text = new StringBuilder();
        for (Path part : relative) {
            if (text.length() > 0) {
                text.append('/');
            }
            text.append(part);
        }
        return text.toString();
    }
}

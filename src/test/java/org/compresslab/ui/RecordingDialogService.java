package org.compresslab.ui;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.compresslab.ui.dialogs.DialogService;

/** A DialogService for tests: records what was shown and answers from queued replies. */
public final class RecordingDialogService implements DialogService {
    public record Shown(String kind, String title, String message, Throwable details) {
    }

    public final List<Shown> shown = new ArrayList<>();
    public final Deque<Optional<Path>> fileAnswers = new ArrayDeque<>();
    public SaveChoice saveChoice = SaveChoice.DISCARD;

    @Override
    public void showError(String title, String message, Throwable details) {
        shown.add(new Shown("error", title, message, details));
    }

    @Override
    public void showInformation(String title, String message) {
        shown.add(new Shown("info", title, message, null));
    }

    @Override
    public SaveChoice askSaveChanges(String projectName) {
        shown.add(new Shown("save-changes", projectName, "", null));
        return saveChoice;
    }

    @Override
    public Optional<Path> openFile(String title, Path initialFolder, FileFilter... filters) {
        return next();
    }

    @Override
    public Optional<Path> saveFile(String title, Path initialFolder, String initialName, FileFilter... filters) {
        return next();
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initialFolder) {
        return next();
    }

    private Optional<Path> next() {
        return fileAnswers.isEmpty() ? Optional.empty() : fileAnswers.poll();
    }

    public List<Shown> errors() {
        return shown.stream().filter(s -> s.kind().equals("error")).toList();
    }
}

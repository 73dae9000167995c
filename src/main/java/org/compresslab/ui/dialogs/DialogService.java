package org.compresslab.ui.dialogs;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Every dialog the workbench shows goes through here, so view-models can ask questions and report
 * errors without touching JavaFX nodes, and tests can answer them.
 */
public interface DialogService {

    /** A file-type filter, e.g. ("ONNX models", "*.onnx"). */
    record FileFilter(String description, List<String> patterns) {
        /** The model files CompressLab opens (a SavedModel is a folder: pick it with chooseFolder). */
        public static final FileFilter MODELS = of("Models (ONNX, TorchScript)", "*.onnx", "*.pt", "*.pth");

        public static FileFilter of(String description, String... patterns) {
            return new FileFilter(description, List.of(patterns));
        }
    }

    enum SaveChoice { SAVE, DISCARD, CANCEL }

    /** Shows {@code message} in plain words; {@code details} (may be null) behind an expander. */
    void showError(String title, String message, Throwable details);

    void showInformation(String title, String message);

    /** "Save changes to …?" when closing or replacing a project with unsaved changes. */
    SaveChoice askSaveChanges(String projectName);

    Optional<Path> openFile(String title, Path initialFolder, FileFilter... filters);

    Optional<Path> saveFile(String title, Path initialFolder, String initialName, FileFilter... filters);

    Optional<Path> chooseFolder(String title, Path initialFolder);
}

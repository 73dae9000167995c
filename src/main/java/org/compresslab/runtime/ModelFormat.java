package org.compresslab.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The model formats CompressLab opens, and which one a path holds. */
public enum ModelFormat {
    ONNX("ONNX"),
    /** A TorchScript archive (torch.jit.save): run by DJL's PyTorch engine; its graph is not readable here. */
    TORCHSCRIPT("TorchScript"),
    /** A TensorFlow SavedModel folder: run by TensorFlow Java and imported into the graph. */
    SAVED_MODEL("TensorFlow SavedModel");

    private final String displayName;

    ModelFormat(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether techniques can edit this format's graph (TorchScript's code is opaque to CompressLab). */
    public boolean hasEditableGraph() {
        return this != TORCHSCRIPT;
    }

    /**
     * The format of a file or folder, from what it holds rather than its name alone: a folder with
     * saved_model.pb is a SavedModel; a zip archive (TorchScript files are zips) or a .pt/.pth name is
     * TorchScript; anything else is read as ONNX, whose reader names what is wrong with it.
     */
    public static ModelFormat of(Path path) {
        if (Files.isDirectory(path)) {
            return Files.isRegularFile(path.resolve("saved_model.pb")) || Files.isRegularFile(path.resolve("saved_model.pbtxt"))
                    ? SAVED_MODEL : ONNX;
        }
        String name = path.getFileName() == null ? "" : path.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pt") || name.endsWith(".pth") || name.endsWith(".torchscript") || startsWithZipMagic(path)) {
            return TORCHSCRIPT;
        }
        return ONNX;
    }

    private static boolean startsWithZipMagic(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4;
        } catch (IOException e) {
            return false; // the reader that follows reports why the file cannot be read
        }
    }
}

package org.compresslab.eval;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxFormatException;
import org.compresslab.onnx.OnnxReader;

/** A model file read once: its bytes (what the runtime loads and what size means) and its graph. */
public record ModelFile(Path path, byte[] bytes, Graph graph) {

    public static ModelFile load(Path path) {
        if (Files.isDirectory(path)) {
            throw new OnnxFormatException(path + " is a folder, not an ONNX model file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new OnnxFormatException(path + ": no such file");
        } catch (IOException e) {
            throw new OnnxFormatException(path + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        try {
            return new ModelFile(path, bytes, OnnxReader.read(bytes));
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static ModelFile of(Path path, Graph graph) {
        return new ModelFile(path, org.compresslab.onnx.OnnxWriter.toBytes(graph), graph);
    }

    /** The preprocessing the model carries in its metadata, if any. */
    public Optional<Preprocessing> preprocessing() {
        String json = graph.metadata().get(Preprocessing.METADATA_KEY);
        return json == null ? Optional.empty() : Optional.of(Preprocessing.fromJson(json));
    }

    public String displayName() {
        return path == null ? graph.name() : path.getFileName().toString();
    }
}

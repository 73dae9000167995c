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

    /**
     * The model's own preprocessing, or else plain [0,1] pixels at its input size (channels-last when
     * the input looks like NHWC). Empty when the input shape does not say the image size.
     */
    public Optional<Preprocessing> preprocessingOrDefault() {
        Optional<Preprocessing> own = preprocessing();
        if (own.isPresent()) {
            return own;
        }
        if (graph.runtimeInputs().isEmpty()) {
            return Optional.empty();
        }
        org.compresslab.graph.Shape s = graph.runtimeInputs().get(0).shape();
        if (s == null || s.rank() != 4 || s.dim(1) < 0 || s.dim(2) < 0 || s.dim(3) < 0) {
            return Optional.empty();
        }
        boolean channelsLast = s.dim(3) <= 4 && s.dim(1) > 4;
        return Optional.of(channelsLast
                ? new Preprocessing((int) s.dim(2), (int) s.dim(1), (int) s.dim(3), new float[] {0f}, new float[] {1f},
                Preprocessing.NHWC)
                : Preprocessing.unnormalized((int) s.dim(3), (int) s.dim(2), (int) s.dim(1)));
    }

    public String displayName() {
        return path == null ? graph.name() : path.getFileName().toString();
    }
}

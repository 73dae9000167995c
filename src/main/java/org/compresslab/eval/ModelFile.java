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
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.InferenceBackend;
import org.compresslab.runtime.ModelFormat;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.runtime.tensorflow.SavedModelImporter;
import org.compresslab.runtime.tensorflow.TensorFlowBackend;
import org.compresslab.runtime.torchscript.TorchScriptBackend;

/**
 * A model read once: its bytes (what size means), its graph, and the format it came in. An ONNX file is
 * run from its bytes; a TorchScript archive runs in PyTorch and its graph is a stand-in with no nodes
 * ({@link TorchScriptGraph}); a SavedModel runs in TensorFlow and its graph is the import, whose ONNX bytes
 * are the size every compressed variant is compared with.
 */
public record ModelFile(Path path, byte[] bytes, Graph graph, ModelFormat format) {

    public ModelFile(Path path, byte[] bytes, Graph graph) {
        this(path, bytes, graph, ModelFormat.ONNX);
    }

    /** Reads an ONNX file, a TorchScript archive or a SavedModel folder, whichever the path holds. */
    public static ModelFile load(Path path) {
        if (!Files.exists(path)) {
            throw new OnnxFormatException(path + ": no such file");
        }
        return switch (ModelFormat.of(path)) {
            case TORCHSCRIPT -> loadTorchScript(path);
            case SAVED_MODEL -> loadSavedModel(path);
            case ONNX -> loadOnnx(path);
        };
    }

    private static ModelFile loadTorchScript(Path path) {
        Graph g = TorchScriptGraph.read(path);
        return new ModelFile(path, readBytes(path), g, ModelFormat.TORCHSCRIPT);
    }

    private static ModelFile loadSavedModel(Path dir) {
        Graph g = SavedModelImporter.importSavedModel(dir);
        return new ModelFile(dir, OnnxWriter.toBytes(g), g, ModelFormat.SAVED_MODEL);
    }

    private static byte[] readBytes(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new OnnxFormatException(path + ": no such file");
        } catch (IOException e) {
            throw new OnnxFormatException(path + ": cannot read the file (" + e.getMessage() + ")", e);
        }
    }

    private static ModelFile loadOnnx(Path path) {
        if (Files.isDirectory(path)) {
            throw new OnnxFormatException(path + " is a folder but not a TensorFlow SavedModel (it has no "
                    + "saved_model.pb); open an ONNX or TorchScript file, or a SavedModel folder");
        }
        byte[] bytes = readBytes(path);
        try {
            return new ModelFile(path, bytes, OnnxReader.read(bytes));
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(path.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static ModelFile of(Path path, Graph graph) {
        return new ModelFile(path, OnnxWriter.toBytes(graph), graph);
    }

    /** Opens the runtime that runs this model as it was given: ONNX Runtime, PyTorch or TensorFlow. */
    public InferenceBackend openBackend(RuntimeOptions options) {
        return switch (format) {
            case ONNX -> new OnnxRuntimeBackend(bytes, options);
            case TORCHSCRIPT -> new TorchScriptBackend(path, options);
            case SAVED_MODEL -> new TensorFlowBackend(path, options);
        };
    }

    /** MACs counted from the graph; unknown (-1) for a TorchScript module, whose graph is not read. */
    public long knownMacs(org.compresslab.graph.ModelStatistics stats) {
        return format.hasEditableGraph() ? stats.macs() : -1;
    }

    /**
     * The graph, for a technique or tool that edits it; a TorchScript module has none that CompressLab can
     * read, which is said in plain words with what to do instead.
     */
    public Graph editableGraph(String purpose) {
        if (!format.hasEditableGraph()) {
            throw new OnnxFormatException(displayName() + " is a TorchScript module, whose code CompressLab cannot "
                    + "read, so it cannot " + purpose + ". Export it to ONNX (torch.onnx.export) and open that "
                    + "file, or use it as the teacher of knowledge distillation.");
        }
        return graph;
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
        return path == null || path.getFileName() == null ? graph.name() : path.getFileName().toString();
    }
}

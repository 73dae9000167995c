package org.compresslab.runtime.torchscript;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceBackend;
import org.compresslab.runtime.InferenceException;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.runtime.TensorSpec;

/**
 * A TorchScript archive run by DJL's PyTorch engine (libtorch), in inference mode. TorchScript does not
 * record input shapes, so the input is described by the archive's {@value #PREPROCESSING_EXTRA_FILE}
 * extra file when present, and the output by one run on zeros.
 */
public final class TorchScriptBackend implements InferenceBackend {
    /** Extra file (torch.jit.save(..., _extra_files=...)) holding the preprocessing JSON CompressLab uses. */
    public static final String PREPROCESSING_EXTRA_FILE = "compresslab.preprocessing";

    private final Model model;
    private final PtSymbolBlock block;
    private final NDManager manager;
    private final int threadsBefore;
    private final String preprocessingJson;

    public TorchScriptBackend(Path file, RuntimeOptions options) {
        if (!Files.isRegularFile(file)) {
            throw new InferenceException(file + ": no such TorchScript file");
        }
        Model m = null;
        try {
            m = Model.newInstance(file.getFileName().toString(), Device.cpu(), "PyTorch");
            m.load(file, null, Map.of("extraFiles", PREPROCESSING_EXTRA_FILE));
            if (!(m.getBlock() instanceof PtSymbolBlock b)) {
                throw new InferenceException(file.getFileName() + " did not load as a TorchScript module");
            }
            block = b;
        } catch (IOException | MalformedModelException | EngineException | IllegalArgumentException e) {
            if (m != null) {
                m.close();
            }
            throw new InferenceException(file.getFileName() + " is not a TorchScript archive PyTorch can load ("
                    + InferenceException.firstLine(e.getMessage()) + "). Save the model with torch.jit.trace or torch.jit.script and "
                    + "torch.jit.save; a state_dict saved with torch.save holds no network and cannot be run.", e);
        }
        model = m;
        String prep = model.getProperty(PREPROCESSING_EXTRA_FILE);
        preprocessingJson = prep == null || prep.isBlank() ? null : prep;
        manager = model.getNDManager().newSubManager();
        // libtorch's intra-op pool is process-wide: take it for the measurement, give it back on close
        threadsBefore = JniUtils.getNumThreads();
        JniUtils.setNumThreads(options.threads());
    }

    /** The PyTorch version inside DJL's engine. */
    public static String runtimeVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    @Override
    public String description() {
        return "pytorch " + runtimeVersion() + " (TorchScript via DJL)";
    }

    /** The preprocessing JSON the archive carries, if any. */
    public Optional<String> preprocessingJson() {
        return Optional.ofNullable(preprocessingJson);
    }

    /** The module's parameters (weights and biases, not buffers such as BatchNorm statistics), in order. */
    public List<NamedParameter> parameters() {
        List<NamedParameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] values = a.toType(DataType.FLOAT32, false).toFloatArray();
            out.add(new NamedParameter(p.getKey(), a.getShape().getShape(), values));
        }
        return out;
    }

    /** One parameter of the module with its values. */
    public record NamedParameter(String name, long[] shape, float[] values) {
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.of(new TensorSpec("input", "FLOAT", new long[] {-1}));
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.of(new TensorSpec("output", "FLOAT", new long[] {-1}));
    }

    @Override
    public BackendOutput run(float[] input, long[] shape) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray y = forward(batch.create(input, new Shape(shape)));
            return new BackendOutput(y.toType(DataType.FLOAT32, false).toFloatArray(), y.getShape().getShape());
        } catch (EngineException e) {
            throw new InferenceException("the TorchScript model failed to run on a " + new Shape(shape)
                    + " input (" + cause(e.getMessage()) + "); check that the preprocessing makes the images the "
                    + "model was traced for (--preprocessing FILE, or the Evaluate page's preprocessing)", e);
        }
    }

    private NDArray forward(NDArray x) {
        NDList out = block.forward(new ParameterStore(x.getManager(), false), new NDList(x), false);
        if (out.isEmpty()) {
            throw new InferenceException("the TorchScript model produced no output");
        }
        return out.get(0);
    }

    @Override
    public RepeatableRun prepare(float[] input, long[] shape) {
        NDManager prepared = manager.newSubManager();
        NDArray x = prepared.create(input, new Shape(shape));
        return new RepeatableRun() {
            @Override
            public void runOnce() {
                try (NDManager run = prepared.newSubManager()) {
                    NDArray y = forward(x);
                    y.attach(run); // freed at once, as ORT's result is
                }
            }

            @Override
            public void close() {
                prepared.close();
            }
        };
    }

    @Override
    public void close() {
        JniUtils.setNumThreads(threadsBefore);
        manager.close();
        model.close();
    }

    /** libtorch's message starts with the interpreter's traceback; the error itself is its last line. */
    private static String cause(String message) {
        if (message == null) {
            return "unknown error";
        }
        String[] lines = message.strip().split("\n");
        for (int i = lines.length - 1; i >= 0; i--) {
            if (lines[i].contains("Error:")) {
                return lines[i].strip();
            }
        }
        return InferenceException.firstLine(message);
    }
}

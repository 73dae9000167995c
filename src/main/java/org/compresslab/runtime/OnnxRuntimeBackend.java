package org.compresslab.runtime;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ONNX Runtime (CPU) running one model: the measuring runtime of CompressLab. */
public final class OnnxRuntimeBackend implements InferenceBackend {
    private static final Logger LOG = LoggerFactory.getLogger(OnnxRuntimeBackend.class);

    private final OrtEnvironment env;
    private final OrtSession session;
    private final String inputName;
    private final boolean profiling;

    public OnnxRuntimeBackend(byte[] model, RuntimeOptions options) {
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.threads());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(ortLevel(options.optimization()));
            if (options.profilingPrefix() != null) {
                so.enableProfiling(options.profilingPrefix().toString());
            }
            this.profiling = options.profilingPrefix() != null;
            this.session = env.createSession(model, so);
            this.inputName = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime cannot load the model: " + InferenceException.firstLine(e.getMessage()), e);
        }
    }

    private static OrtSession.SessionOptions.OptLevel ortLevel(OptimizationLevel level) {
        return switch (level) {
            case DISABLED -> OrtSession.SessionOptions.OptLevel.NO_OPT;
            case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
            case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
            case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
        };
    }

    /** The ONNX Runtime version in use. */
    public static String runtimeVersion() {
        return OrtEnvironment.getEnvironment().getVersion();
    }

    @Override
    public String description() {
        return "onnxruntime " + runtimeVersion();
    }

    @Override
    public List<TensorSpec> inputs() {
        try {
            return specs(session.getInputInfo());
        } catch (OrtException e) {
            throw new InferenceException("cannot read the model's inputs: " + e.getMessage(), e);
        }
    }

    @Override
    public List<TensorSpec> outputs() {
        try {
            return specs(session.getOutputInfo());
        } catch (OrtException e) {
            throw new InferenceException("cannot read the model's outputs: " + e.getMessage(), e);
        }
    }

    private static List<TensorSpec> specs(Map<String, NodeInfo> infos) {
        List<TensorSpec> out = new ArrayList<>();
        for (NodeInfo ni : infos.values()) {
            if (ni.getInfo() instanceof TensorInfo ti) {
                out.add(new TensorSpec(ni.getName(), ti.type.toString(), ti.getShape()));
            } else {
                out.add(new TensorSpec(ni.getName(), ni.getInfo().toString(), new long[0]));
            }
        }
        return out;
    }

    @Override
    public BackendOutput run(float[] input, long[] shape) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result r = session.run(Map.of(inputName, t))) {
            OnnxValue v = r.get(0);
            if (!(v instanceof OnnxTensor ot)) {
                throw new InferenceException("the model's first output is not a tensor");
            }
            FloatBuffer fb = ot.getFloatBuffer();
            if (fb == null) {
                throw new InferenceException("the model's first output is not float32 ("
                        + ot.getInfo().type + ")");
            }
            float[] data = new float[fb.remaining()];
            fb.get(data);
            return new BackendOutput(data, ot.getInfo().getShape());
        } catch (OrtException e) {
            throw new InferenceException("the model failed to run: " + InferenceException.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Runs the model and returns the named float outputs (all float outputs when {@code names} is empty),
     * e.g. the intermediate tensors a calibration graph exposes as outputs.
     */
    public Map<String, BackendOutput> runOutputs(float[] input, long[] shape, java.util.Collection<String> names) {
        try (OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
             OrtSession.Result r = names.isEmpty() ? session.run(Map.of(inputName, t))
                     : session.run(Map.of(inputName, t), new java.util.LinkedHashSet<>(names))) {
            Map<String, BackendOutput> out = new java.util.LinkedHashMap<>();
            for (Map.Entry<String, OnnxValue> e : r) {
                if (e.getValue() instanceof OnnxTensor ot && ot.getFloatBuffer() != null) {
                    FloatBuffer fb = ot.getFloatBuffer();
                    float[] data = new float[fb.remaining()];
                    fb.get(data);
                    out.put(e.getKey(), new BackendOutput(data, ot.getInfo().getShape()));
                }
            }
            return out;
        } catch (OrtException e) {
            throw new InferenceException("the model failed to run: " + InferenceException.firstLine(e.getMessage()), e);
        }
    }

    /**
     * The model as ONNX Runtime rewrites it at {@code level} (fusions applied), as ONNX bytes: shows what
     * the runtime really executes, e.g. whether QDQ pairs became QLinearConv. Use EXTENDED for a file
     * without hardware-specific layout ops.
     */
    public static byte[] optimizedModel(byte[] model, OptimizationLevel level) {
        java.nio.file.Path tmp = null;
        try {
            tmp = java.nio.file.Files.createTempFile("compresslab-optimized", ".onnx");
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setIntraOpNumThreads(1);
                so.setOptimizationLevel(ortLevel(level));
                so.setOptimizedModelFilePath(tmp.toString());
                try (OrtSession ignored = OrtEnvironment.getEnvironment().createSession(model, so)) {
                    return java.nio.file.Files.readAllBytes(tmp);
                }
            }
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime cannot load the model: " + InferenceException.firstLine(e.getMessage()), e);
        } catch (java.io.IOException e) {
            throw new InferenceException("cannot write the optimised model to a temporary file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    java.nio.file.Files.deleteIfExists(tmp);
                } catch (java.io.IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    @Override
    public RepeatableRun prepare(float[] input, long[] shape) {
        final OnnxTensor tensor;
        try {
            tensor = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
        } catch (OrtException e) {
            throw new InferenceException("cannot create the input tensor: " + e.getMessage(), e);
        }
        Map<String, OnnxTensor> feed = Map.of(inputName, tensor);
        return new RepeatableRun() {
            @Override
            public void runOnce() {
                try (OrtSession.Result r = session.run(feed)) {
                    if (r.size() == 0) {
                        throw new InferenceException("the model produced no output");
                    }
                } catch (OrtException e) {
                    throw new InferenceException("the model failed to run: " + InferenceException.firstLine(e.getMessage()), e);
                }
            }

            @Override
            public void close() {
                tensor.close();
            }
        };
    }

    /** The underlying session, for callers that need ORT directly (e.g. benchmarks). */
    public OrtSession session() {
        return session;
    }

    @Override
    public void close() {
        try {
            if (profiling) {
                String trace = session.endProfiling();
                LOG.info("profiling trace written to {}", trace);
            }
            session.close();
        } catch (OrtException e) {
            LOG.warn("closing the ONNX Runtime session failed", e);
        }
    }
}

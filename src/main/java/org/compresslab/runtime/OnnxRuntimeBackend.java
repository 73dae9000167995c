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
            so.setOptimizationLevel(switch (options.optimization()) {
                case DISABLED -> OrtSession.SessionOptions.OptLevel.NO_OPT;
                case BASIC -> OrtSession.SessionOptions.OptLevel.BASIC_OPT;
                case EXTENDED -> OrtSession.SessionOptions.OptLevel.EXTENDED_OPT;
                case ALL -> OrtSession.SessionOptions.OptLevel.ALL_OPT;
            });
            if (options.profilingPrefix() != null) {
                so.enableProfiling(options.profilingPrefix().toString());
            }
            this.profiling = options.profilingPrefix() != null;
            this.session = env.createSession(model, so);
            this.inputName = session.getInputNames().iterator().next();
        } catch (OrtException e) {
            throw new InferenceException("ONNX Runtime cannot load the model: " + firstLine(e.getMessage()), e);
        }
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
            throw new InferenceException("the model failed to run: " + firstLine(e.getMessage()), e);
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
                    throw new InferenceException("the model failed to run: " + firstLine(e.getMessage()), e);
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

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}

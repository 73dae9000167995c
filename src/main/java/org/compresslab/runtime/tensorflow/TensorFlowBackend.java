package org.compresslab.runtime.tensorflow;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceBackend;
import org.compresslab.runtime.InferenceException;
import org.compresslab.runtime.RuntimeOptions;
import org.compresslab.runtime.TensorSpec;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.TensorFlow;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;
import org.tensorflow.proto.TensorShapeProto;
import org.tensorflow.types.TFloat32;

/**
 * Runs one signature of a TensorFlow SavedModel with TensorFlow Java, the baseline an imported model is
 * compared with.
 *
 * <p>To the rest of CompressLab it looks exactly like {@link SavedModelImporter}'s graph run in ONNX
 * Runtime: a 4-D input is declared and fed as NCHW and transposed to TensorFlow's NHWC here, and 4-D
 * outputs come back NCHW; inputs and outputs are the signature's, in the order of their keys. As with
 * ONNX Runtime, {@link #run} feeds the first input and returns the first output.
 */
public final class TensorFlowBackend implements InferenceBackend {
    private final SavedModelBundle bundle;
    private final Session session;
    private final String inputTensor;
    private final String outputTensor;
    private final boolean imageInput;
    private final boolean imageOutput;
    private final List<TensorSpec> inputs = new ArrayList<>();
    private final List<TensorSpec> outputs = new ArrayList<>();

    /** The "serving_default" signature of the MetaGraph tagged "serve". */
    public TensorFlowBackend(Path dir, RuntimeOptions options) {
        this(dir, SavedModelFolder.DEFAULT_TAG, SavedModelFolder.DEFAULT_SIGNATURE, options);
    }

    /**
     * Loads the SavedModel with {@code options.threads()} intra-op threads and one inter-op thread (as ONNX
     * Runtime runs sequentially). The optimisation level has no TensorFlow counterpart and is not applied:
     * TensorFlow always runs its default graph optimisations.
     */
    public TensorFlowBackend(Path dir, String tag, String signatureName, RuntimeOptions options) {
        ConfigProto config = ConfigProto.newBuilder().setIntraOpParallelismThreads(options.threads())
                .setInterOpParallelismThreads(1).build();
        try {
            this.bundle = SavedModelFolder.load(dir, tag, config);
        } catch (SavedModelException e) {
            throw new InferenceException(e.getMessage(), e);
        }
        try {
            SignatureDef sig = SavedModelFolder.signature(bundle, signatureName, dir);
            this.session = bundle.session();
            List<Map.Entry<String, TensorInfo>> ins = SavedModelFolder.sorted(sig.getInputsMap());
            List<Map.Entry<String, TensorInfo>> outs = SavedModelFolder.sorted(sig.getOutputsMap());
            ins.forEach(e -> inputs.add(spec(e.getKey(), e.getValue())));
            outs.forEach(e -> outputs.add(spec(e.getKey(), e.getValue())));
            this.inputTensor = ins.get(0).getValue().getName();
            this.outputTensor = outs.get(0).getValue().getName();
            this.imageInput = inputs.get(0).shape().length == 4;
            this.imageOutput = outputs.get(0).shape().length == 4;
        } catch (RuntimeException e) {
            bundle.close();
            throw e instanceof SavedModelException ? new InferenceException(e.getMessage(), e) : e;
        }
    }

    private static TensorSpec spec(String key, TensorInfo info) {
        TensorShapeProto s = info.getTensorShape();
        long[] dims = s.getUnknownRank() ? new long[0] : s.getDimList().stream().mapToLong(d -> d.getSize() < 0 ? -1 : d.getSize())
                .toArray();
        if (dims.length == 4) {
            dims = NhwcToNchw.dims(dims);
        }
        String type = switch (info.getDtype()) {
            case DT_FLOAT -> "FLOAT";
            case DT_DOUBLE -> "DOUBLE";
            case DT_INT32 -> "INT32";
            case DT_INT64 -> "INT64";
            case DT_UINT8 -> "UINT8";
            default -> info.getDtype().name();
        };
        return new TensorSpec(key, type, dims);
    }

    /** e.g. "tensorflow 2.18.0". */
    @Override
    public String description() {
        return "tensorflow " + TensorFlow.version();
    }

    @Override
    public List<TensorSpec> inputs() {
        return List.copyOf(inputs);
    }

    @Override
    public List<TensorSpec> outputs() {
        return List.copyOf(outputs);
    }

    /**
     * Runs one NCHW batch. The transpose to NHWC happens here, in Java, on every call; it is tiny next to a
     * convolutional network, and {@link #prepare} does it once so a latency loop times TensorFlow alone.
     */
    @Override
    public BackendOutput run(float[] input, long[] shape) {
        try (TFloat32 t = inputTensor(input, shape);
             Result r = session.runner().feed(inputTensor, t).fetch(outputTensor).run()) {
            return output(r.get(0));
        } catch (TensorFlowException e) {
            throw new InferenceException("the model failed to run: " + InferenceException.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public RepeatableRun prepare(float[] input, long[] shape) {
        TFloat32 tensor = inputTensor(input, shape);
        return new RepeatableRun() {
            @Override
            public void runOnce() {
                try (Result r = session.runner().feed(inputTensor, tensor).fetch(outputTensor).run()) {
                    if (r.size() == 0) {
                        throw new InferenceException("the model produced no output");
                    }
                } catch (TensorFlowException e) {
                    throw new InferenceException("the model failed to run: "
                            + InferenceException.firstLine(e.getMessage()), e);
                }
            }

            @Override
            public void close() {
                tensor.close();
            }
        };
    }

    private TFloat32 inputTensor(float[] input, long[] shape) {
        if (!imageInput) {
            return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(input, true, false));
        }
        if (shape.length != 4) {
            throw new InferenceException("the model takes a 4-D [N, C, H, W] input, got " + shape.length + " dimensions");
        }
        float[] nhwc = NhwcToNchw.toNhwc(input, shape);
        return TFloat32.tensorOf(Shape.of(shape[0], shape[2], shape[3], shape[1]), DataBuffers.of(nhwc, true, false));
    }

    private BackendOutput output(Tensor t) {
        if (!(t instanceof TFloat32)) {
            throw new InferenceException("the model's first output is not float32 (" + t.dataType() + ")");
        }
        ConstantTensor c = ConstantTensor.of(t);
        if (imageOutput && c.rank() == 4) {
            return new BackendOutput(NhwcToNchw.data(c.floats(), c.dims()), NhwcToNchw.dims(c.dims()));
        }
        return new BackendOutput(c.floats(), c.dims());
    }

    @Override
    public void close() {
        bundle.close();
    }
}

package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Subsets;
import org.compresslab.eval.InputCompatibility;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.ValueInfo;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.OptimizationLevel;

/**
 * The values activation tensors take on calibration images, collected by running the float model in
 * ONNX Runtime with those tensors exposed as extra outputs: a first pass for each tensor's min and max,
 * and (for the histogram calibrators) a second pass filling a histogram over that range.
 */
public final class ActivationStatistics {
    private static final int BATCH = 32;

    private final Map<String, TensorHistogram> histograms;
    private final Map<String, float[]> minMax;
    private final int images;
    private final String input;

    private ActivationStatistics(Map<String, float[]> minMax, Map<String, TensorHistogram> histograms, int images,
                                 String input) {
        this.minMax = minMax;
        this.histograms = histograms;
        this.images = images;
        this.input = input;
    }

    /**
     * @param tensors    the activations to observe (graph inputs included)
     * @param samples    how many images of the context's training data to run, chosen at random by its seed
     * @param histograms whether to make the second pass
     */
    public static ActivationStatistics collect(Graph model, Collection<String> tensors, int samples, boolean histograms,
                                               CompressionContext ctx) {
        ImageDataset data = ctx.trainingData();
        try {
            InputCompatibility.check(model, ctx.preprocessing(), data);
        } catch (RuntimeException e) {
            throw new CompressionException("the calibration data does not fit the model: " + e.getMessage(), e);
        }
        String input = model.runtimeInputs().get(0).name();
        Graph probe = model.copy();
        List<String> exposed = new ArrayList<>();
        for (String t : tensors) {
            if (!t.equals(input) && probe.outputs().stream().noneMatch(o -> o.name().equals(t))) {
                probe.addOutput(new ValueInfo(t, DataType.FLOAT, null));
            }
            if (!t.equals(input)) {
                exposed.add(t);
            }
        }
        int[] indices = Subsets.randomSample(data.size(), Math.min(samples, data.size()), ctx.seed());
        Map<String, float[]> minMax = new LinkedHashMap<>();
        Map<String, TensorHistogram> hist = new LinkedHashMap<>();
        try (OnnxRuntimeBackend backend = new OnnxRuntimeBackend(OnnxWriter.toBytes(probe),
                ctx.runtime().withOptimization(OptimizationLevel.BASIC))) {
            ProgressListener first = ctx.progressBetween(0, histograms ? 0.5 : 1.0);
            pass(backend, data, indices, input, tensors, exposed, ctx, first, "calibrating ranges", (name, v, n) -> {
                float[] mm = minMax.computeIfAbsent(name, k -> new float[] {Float.POSITIVE_INFINITY,
                        Float.NEGATIVE_INFINITY});
                for (int i = 0; i < n; i++) {
                    float x = v[i];
                    if (x < mm[0]) {
                        mm[0] = x;
                    }
                    if (x > mm[1]) {
                        mm[1] = x;
                    }
                }
            });
            if (histograms) {
                minMax.forEach((name, mm) -> hist.put(name, new TensorHistogram(mm[0], mm[1],
                        TensorHistogram.DEFAULT_BINS)));
                pass(backend, data, indices, input, tensors, exposed, ctx, ctx.progressBetween(0.5, 1.0),
                        "calibrating histograms", (name, v, n) -> hist.get(name).add(v, 0, n));
            }
        }
        for (String t : tensors) {
            float[] mm = minMax.get(t);
            if (mm == null || !Float.isFinite(mm[0]) || !Float.isFinite(mm[1])) {
                throw new CompressionException("calibration found no finite values for " + t
                        + " (NaN or infinite activations): the model may be broken");
            }
        }
        return new ActivationStatistics(minMax, hist, indices.length, input);
    }

    @FunctionalInterface
    private interface Sink {
        void accept(String tensor, float[] values, int n);
    }

    private static void pass(OnnxRuntimeBackend backend, ImageDataset data, int[] indices, String input,
                             Collection<String> tensors, List<String> exposed, CompressionContext ctx,
                             ProgressListener progress, String what, Sink sink) {
        try (BatchStream batches = BatchStream.of(data, ctx.preprocessing(), BATCH, indices)) {
            int seen = 0;
            while (batches.hasNext()) {
                ctx.cancel().throwIfCancelled();
                Batch b = batches.next();
                if (tensors.contains(input)) {
                    sink.accept(input, b.data(), b.data().length);
                }
                Map<String, BackendOutput> outs = backend.runOutputs(b.data(), b.shape(), exposed);
                for (String t : exposed) {
                    BackendOutput o = outs.get(t);
                    if (o != null) {
                        sink.accept(t, o.data(), o.data().length);
                    }
                }
                seen += b.size();
                progress.progress(seen / (double) indices.length, what + ": " + seen + " of " + indices.length
                        + " images");
            }
        }
    }

    public int images() {
        return images;
    }

    public boolean has(String tensor) {
        return minMax.containsKey(tensor);
    }

    /** The observed range of a tensor. */
    public TensorRange observed(String tensor) {
        float[] mm = minMax.get(tensor);
        return new TensorRange(mm[0], mm[1]);
    }

    /**
     * The range a calibrator chooses for a tensor (the observed range for min-max). The model's input
     * always keeps its observed range: it is the preprocessed images' own, exact range, and clipping it
     * throws away image content (entropy calibration would clip Fashion-MNIST's bright pixels, whose
     * histogram is dwarfed by the background).
     */
    public TensorRange range(String tensor, CalibrationMethod method, double percentile, ActivationType type) {
        if (method == CalibrationMethod.MINMAX || tensor.equals(input)) {
            return observed(tensor);
        }
        TensorHistogram h = histograms.get(tensor);
        if (h == null) {
            throw new IllegalStateException("no histogram collected for " + tensor);
        }
        return RangeChoosers.choose(method, h, percentile, type);
    }

    /** Ranges for all the given tensors by one calibrator. */
    public Map<String, TensorRange> ranges(Collection<String> tensors, CalibrationMethod method, double percentile,
                                           ActivationType type) {
        Map<String, TensorRange> out = new LinkedHashMap<>();
        for (String t : tensors) {
            out.put(t, range(t, method, percentile, type));
        }
        return out;
    }
}

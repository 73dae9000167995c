package org.compresslab.eval;

import org.compresslab.eval.stats.AccuracyResult;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.runtime.OptimizationLevel;

/**
 * One model's measured figures on one dataset, with the conditions they were measured under.
 * {@code macs} is -1 when unknown; {@code memoryBytes} is the growth of the process's resident
 * memory from before the session was created to the end of the accuracy pass (batches of 64), -1
 * where it cannot be read. {@code labels} and {@code predictions} are per image (for paired tests);
 * {@code latencySamplesMs} are the timed runs in the order they were taken (for histograms).
 */
public record EvaluationResult(
        String model,
        String dataset,
        AccuracyResult accuracy,
        LatencyStatistics latency,
        double throughputImagesPerSecond,
        int threads,
        int batch,
        OptimizationLevel optimization,
        String cpu,
        String runtime,
        SizeReport size,
        long macs,
        long memoryBytes,
        int[] labels,
        int[] predictions,
        double[] latencySamplesMs) {

    /** The graph optimisation level, which only ONNX Runtime has: "n/a" when PyTorch or TensorFlow ran the model. */
    public String optimizationText() {
        return runtime != null && !runtime.startsWith("onnxruntime") ? "n/a"
                : optimization.name().toLowerCase(java.util.Locale.ROOT);
    }
}

package org.compresslab.eval;

import org.compresslab.runtime.OptimizationLevel;
import org.compresslab.runtime.RuntimeOptions;

/**
 * How an evaluation runs. {@code limit} 0 means the whole split. Latency is measured over
 * {@code runs} timed runs after {@code warmup} untimed ones; a positive {@code timeBudgetSeconds}
 * instead keeps timing until that much time has passed (at least {@code runs} runs).
 */
public record EvaluationSettings(int limit, int batch, int threads, int runs, int warmup,
                                 OptimizationLevel optimization, double timeBudgetSeconds) {

    public static EvaluationSettings defaults() {
        return new EvaluationSettings(0, 1, 1, 100, 10, OptimizationLevel.ALL, 0);
    }

    public EvaluationSettings {
        if (limit < 0) {
            throw new IllegalArgumentException("the sample limit cannot be negative");
        }
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1");
        }
        if (runs < 1) {
            throw new IllegalArgumentException("latency runs must be at least 1");
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up runs cannot be negative");
        }
    }

    /** How many images of a split of {@code size} images this evaluation covers. */
    public int imageCount(int size) {
        return limit == 0 ? size : Math.min(limit, size);
    }

    public RuntimeOptions runtimeOptions() {
        return new RuntimeOptions(threads, optimization, null);
    }

    public EvaluationSettings withLimit(int l) {
        return new EvaluationSettings(l, batch, threads, runs, warmup, optimization, timeBudgetSeconds);
    }

    public EvaluationSettings withRuns(int r) {
        return new EvaluationSettings(limit, batch, threads, r, warmup, optimization, timeBudgetSeconds);
    }

    public EvaluationSettings withBatch(int b) {
        return new EvaluationSettings(limit, b, threads, runs, warmup, optimization, timeBudgetSeconds);
    }
}

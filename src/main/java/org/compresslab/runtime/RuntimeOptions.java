package org.compresslab.runtime;

import java.nio.file.Path;

/**
 * How a model is run: intra-op threads, graph optimisation level and, when set, where to write a
 * profiling trace. Defaults: 1 thread (the steadiest latency on shared CPUs), all optimisations.
 */
public record RuntimeOptions(int threads, OptimizationLevel optimization, Path profilingPrefix) {

    public static RuntimeOptions defaults() {
        return new RuntimeOptions(1, OptimizationLevel.ALL, null);
    }

    public RuntimeOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, was " + threads);
        }
        if (optimization == null) {
            optimization = OptimizationLevel.ALL;
        }
    }

    public RuntimeOptions withThreads(int t) {
        return new RuntimeOptions(t, optimization, profilingPrefix);
    }

    public RuntimeOptions withOptimization(OptimizationLevel level) {
        return new RuntimeOptions(threads, level, profilingPrefix);
    }

    public RuntimeOptions withProfiling(Path prefix) {
        return new RuntimeOptions(threads, optimization, prefix);
    }
}

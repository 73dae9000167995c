package org.compresslab.eval;

import java.util.Arrays;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.InferenceBackend.RepeatableRun;

/**
 * Times prepared runs with {@link System#nanoTime()}: untimed warm-up first, then one sample per run.
 * The loop does nothing but run and read the clock, so its overhead stays far below the model's
 * time (bench/HarnessOverheadBench measures it).
 */
public final class LatencyMeter {
    private static final long REPORT_INTERVAL_NANOS = 100_000_000L;

    private LatencyMeter() {
    }

    /** Latencies in milliseconds, one per timed run. */
    public static double[] measure(RepeatableRun run, int warmup, int runs, double budgetSeconds,
                                   ProgressListener progress, CancellationToken cancel) {
        for (int i = 0; i < warmup; i++) {
            cancel.throwIfCancelled();
            run.runOnce();
        }
        double[] samples = new double[Math.max(runs, 16)];
        int n = 0;
        long start = System.nanoTime();
        long budgetNanos = (long) (budgetSeconds * 1e9);
        long lastReport = start;
        long t1 = start;
        while (n < runs || (budgetNanos > 0 && t1 - start < budgetNanos)) {
            // progress and cancellation only every ~100 ms: per-run work would add to what is measured
            if (t1 - lastReport > REPORT_INTERVAL_NANOS) {
                lastReport = t1;
                cancel.throwIfCancelled();
                progress.progress(budgetNanos > 0 ? Math.min(1.0, (t1 - start) / (double) budgetNanos)
                        : n / (double) runs, "timing run " + (n + 1));
            }
            long t0 = System.nanoTime();
            run.runOnce();
            t1 = System.nanoTime();
            if (n == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[n++] = (t1 - t0) / 1e6;
        }
        return Arrays.copyOf(samples, n);
    }

    /**
     * Times two models alternately in one process, A B B A A B …, so both see the same machine state
     * (turbo, other load, cache) and neither always runs first. Returns {latenciesA, latenciesB}.
     */
    public static double[][] measureInterleaved(RepeatableRun a, RepeatableRun b, int warmup, int runs,
                                                ProgressListener progress, CancellationToken cancel) {
        for (int i = 0; i < warmup; i++) {
            cancel.throwIfCancelled();
            a.runOnce();
            b.runOnce();
        }
        double[] la = new double[runs];
        double[] lb = new double[runs];
        for (int i = 0; i < runs; i++) {
            if ((i & 7) == 0) {
                cancel.throwIfCancelled();
                progress.progress(i / (double) runs, "timing pair " + (i + 1) + " of " + runs);
            }
            if ((i & 1) == 0) {
                la[i] = time(a);
                lb[i] = time(b);
            } else {
                lb[i] = time(b);
                la[i] = time(a);
            }
        }
        return new double[][] {la, lb};
    }

    private static double time(RepeatableRun r) {
        long t0 = System.nanoTime();
        r.runOnce();
        return (System.nanoTime() - t0) / 1e6;
    }
}

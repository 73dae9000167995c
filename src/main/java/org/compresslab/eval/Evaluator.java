package org.compresslab.eval;

import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.stats.AccuracyAccumulator;
import org.compresslab.eval.stats.CpuInfo;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.eval.stats.SizeStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceBackend;

/**
 * Measures one model on one dataset: accuracy over the (limited) split, then latency on a fixed
 * batch, size, MACs and memory. Cancellation is checked between batches and between timed runs.
 */
public final class Evaluator {
    /** Images per run in the accuracy pass; latency is timed separately at the requested batch. */
    static final int ACCURACY_BATCH = 64;

    public EvaluationResult evaluate(ModelFile model, ImageDataset dataset, Preprocessing prep,
                                     EvaluationSettings settings, ProgressListener progress, CancellationToken cancel) {
        InputCompatibility.check(model.graph(), prep, dataset);
        long rssBefore = ProcessMemory.residentBytes();
        try (InferenceBackend backend = model.openBackend(settings.runtimeOptions())) {
            AccuracyAccumulator accuracy = new AccuracyAccumulator();
            int[] labels = runAccuracyPass(backend, dataset, prep, settings, accuracy,
                    (f, m) -> progress.progress(0.8 * f, m), cancel);
            long rssAfter = ProcessMemory.residentBytes();
            double[] latencies = timeBatch(backend, dataset, prep, settings,
                    (f, m) -> progress.progress(0.8 + 0.2 * f, m), cancel);
            LatencyStatistics latency = LatencyStatistics.of(latencies);
            ModelStatistics stats = ModelStatistics.of(model.graph());
            progress.progress(1.0, "done");
            return new EvaluationResult(model.displayName(), dataset.name(), accuracy.result(), latency,
                    latency.throughputImagesPerSecond(settings.batch()), settings.threads(), settings.batch(),
                    settings.optimization(), CpuInfo.modelName(), backend.description(), size(model, stats),
                    model.knownMacs(stats),
                    rssBefore < 0 || rssAfter < 0 ? -1 : Math.max(0, rssAfter - rssBefore),
                    labels, accuracy.predictions(), latencies);
        }
    }

    static int[] runAccuracyPass(InferenceBackend backend, ImageDataset dataset, Preprocessing prep,
                                 EvaluationSettings settings, AccuracyAccumulator accuracy,
                                 ProgressListener progress, CancellationToken cancel) {
        try (BatchStream batches = new BatchStream(dataset, prep, ACCURACY_BATCH, settings.imageCount(dataset.size()))) {
            int[] labels = new int[batches.imageCount()];
            int seen = 0;
            boolean classesChecked = false;
            while (batches.hasNext()) {
                cancel.throwIfCancelled();
                Batch b = batches.next();
                BackendOutput out = backend.run(b.data(), b.shape());
                int k = out.rowLength();
                if (!classesChecked) {
                    InputCompatibility.checkClasses(k, dataset);
                    classesChecked = true;
                }
                accuracy.add(out.data(), b.size(), k, b.labels());
                System.arraycopy(b.labels(), 0, labels, seen, b.size());
                seen += b.size();
                progress.progress(seen / (double) labels.length, "evaluated " + seen + " of " + labels.length + " images");
            }
            return labels;
        }
    }

    /** Latencies (ms) of runs on the first {@code batch} images of the split. */
    static double[] timeBatch(InferenceBackend backend, ImageDataset dataset, Preprocessing prep,
                              EvaluationSettings settings, ProgressListener progress, CancellationToken cancel) {
        float[] input = firstBatch(dataset, prep, settings.batch());
        try (InferenceBackend.RepeatableRun run = backend.prepare(input, prep.shape(settings.batch()))) {
            return LatencyMeter.measure(run, settings.warmup(), settings.runs(), settings.timeBudgetSeconds(),
                    progress, cancel);
        }
    }

    static float[] firstBatch(ImageDataset dataset, Preprocessing prep, int batch) {
        int per = prep.elementsPerImage();
        float[] data = new float[per * batch];
        for (int i = 0; i < batch; i++) {
            // a dataset smaller than the batch repeats its images: latency needs a full batch
            prep.apply(dataset.get(i % dataset.size()).image(), data, i * per);
        }
        return data;
    }

    /** Size from statistics already computed: shape inference of a large model is not free. */
    static SizeReport size(ModelFile model, ModelStatistics stats) {
        return new SizeReport(model.bytes().length, SizeStatistics.gzipSize(model.bytes()), stats.params(),
                stats.nonZeroParams());
    }
}

package org.compresslab.eval;

import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.stats.AccuracyAccumulator;
import org.compresslab.eval.stats.AgreementAccumulator;
import org.compresslab.eval.stats.BootstrapRatio;
import org.compresslab.eval.stats.CpuInfo;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.eval.stats.McNemarTest;
import org.compresslab.eval.stats.RatioEstimate;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.InferenceBackend;

/**
 * Compares two models on the same images: accuracy of each, their agreement, McNemar's test on the
 * paired correctness, and the latency ratio from runs interleaved A B B A … in one process.
 */
public final class PairedComparison {

    public ComparisonResult compare(ModelFile modelA, Preprocessing prepA, ModelFile modelB, Preprocessing prepB,
                                    ImageDataset dataset, EvaluationSettings settings,
                                    ProgressListener progress, CancellationToken cancel) {
        InputCompatibility.check(modelA.graph(), prepA, dataset);
        InputCompatibility.check(modelB.graph(), prepB, dataset);
        try (InferenceBackend a = modelA.openBackend(settings.runtimeOptions());
             InferenceBackend b = modelB.openBackend(settings.runtimeOptions())) {
            AccuracyAccumulator accA = new AccuracyAccumulator();
            AccuracyAccumulator accB = new AccuracyAccumulator();
            AgreementAccumulator agreement = new AgreementAccumulator();
            int[] labels;
            try (BatchStream sa = new BatchStream(dataset, prepA, Evaluator.ACCURACY_BATCH, settings.imageCount(dataset.size()));
                 BatchStream sb = new BatchStream(dataset, prepB, Evaluator.ACCURACY_BATCH, settings.imageCount(dataset.size()))) {
                labels = new int[sa.imageCount()];
                int seen = 0;
                while (sa.hasNext()) {
                    cancel.throwIfCancelled();
                    Batch ba = sa.next();
                    Batch bb = sb.next();
                    BackendOutput oa = a.run(ba.data(), ba.shape());
                    BackendOutput ob = b.run(bb.data(), bb.shape());
                    if (seen == 0) {
                        InputCompatibility.checkClasses(oa.rowLength(), dataset);
                        InputCompatibility.checkClasses(ob.rowLength(), dataset);
                        if (oa.rowLength() != ob.rowLength()) {
                            throw new IncompatibleInputException("the models output different numbers of classes ("
                                    + oa.rowLength() + " and " + ob.rowLength() + ") and cannot be compared");
                        }
                    }
                    accA.add(oa.data(), ba.size(), oa.rowLength(), ba.labels());
                    accB.add(ob.data(), bb.size(), ob.rowLength(), bb.labels());
                    agreement.add(oa.data(), ob.data(), ba.size(), oa.rowLength());
                    System.arraycopy(ba.labels(), 0, labels, seen, ba.size());
                    seen += ba.size();
                    progress.progress(0.6 * seen / labels.length, "evaluated " + seen + " of " + labels.length + " images");
                }
            }
            double[][] latencies;
            float[] inA = Evaluator.firstBatch(dataset, prepA, settings.batch());
            float[] inB = Evaluator.firstBatch(dataset, prepB, settings.batch());
            try (InferenceBackend.RepeatableRun ra = a.prepare(inA, prepA.shape(settings.batch()));
                 InferenceBackend.RepeatableRun rb = b.prepare(inB, prepB.shape(settings.batch()))) {
                latencies = LatencyMeter.measureInterleaved(ra, rb, settings.warmup(), settings.runs(),
                        (f, m) -> progress.progress(0.6 + 0.4 * f, m), cancel);
            }
            RatioEstimate speedup = BootstrapRatio.ofMedians(latencies[0], latencies[1]);
            progress.progress(1.0, "done");
            return new ComparisonResult(
                    result(modelA, dataset, accA, latencies[0], settings, a.description(), labels),
                    result(modelB, dataset, accB, latencies[1], settings, b.description(), labels),
                    speedup, agreement.result(),
                    McNemarTest.fromPredictions(labels, accA.predictions(), accB.predictions()));
        }
    }

    private static EvaluationResult result(ModelFile model, ImageDataset dataset, AccuracyAccumulator acc,
                                           double[] latencies, EvaluationSettings s, String runtime, int[] labels) {
        LatencyStatistics latency = LatencyStatistics.of(latencies);
        ModelStatistics stats = ModelStatistics.of(model.graph());
        return new EvaluationResult(model.displayName(), dataset.name(), acc.result(), latency,
                latency.throughputImagesPerSecond(s.batch()), s.threads(), s.batch(), s.optimization(),
                CpuInfo.modelName(), runtime, Evaluator.size(model, stats), model.knownMacs(stats), -1,
                labels, acc.predictions(), latencies);
    }
}

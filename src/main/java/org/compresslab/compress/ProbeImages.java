package org.compresslab.compress;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.data.Batch;
import org.compresslab.data.BatchStream;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.InputCompatibility;
import org.compresslab.eval.stats.AccuracyAccumulator;
import org.compresslab.eval.stats.AgreementAccumulator;
import org.compresslab.eval.stats.AgreementResult;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.progress.CancellationToken;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;

/**
 * A fixed set of images, preprocessed once, on which many variants of one model are scored against a
 * reference model: accuracy and agreement with the reference's outputs. Sensitivity scans and
 * mixed-precision searches run dozens of variants on the same images.
 */
public final class ProbeImages {
    private static final int BATCH = 100;

    private final List<Batch> batches;
    private final RuntimeOptions runtime;
    private final List<float[]> referenceLogits = new ArrayList<>();
    private double referenceAccuracy = Double.NaN;

    private ProbeImages(List<Batch> batches, RuntimeOptions runtime) {
        this.batches = batches;
        this.runtime = runtime;
    }

    /** The first {@code n} images of {@code data} (all when it has fewer), scored against {@code reference}. */
    public static ProbeImages of(Graph reference, ImageDataset data, Preprocessing prep, int n, RuntimeOptions runtime,
                                 CancellationToken cancel) {
        return of(reference, data, prep, org.compresslab.data.Subsets.firstN(data.size(), Math.min(n, data.size())),
                runtime, cancel);
    }

    /** The images at {@code indices} of {@code data}, scored against {@code reference}. */
    public static ProbeImages of(Graph reference, ImageDataset data, Preprocessing prep, int[] indices,
                                 RuntimeOptions runtime, CancellationToken cancel) {
        InputCompatibility.check(reference, prep, data);
        List<Batch> batches = new ArrayList<>();
        try (BatchStream s = BatchStream.of(data, prep, BATCH, indices)) {
            while (s.hasNext()) {
                batches.add(s.next());
            }
        }
        ProbeImages p = new ProbeImages(batches, runtime);
        AccuracyAccumulator acc = new AccuracyAccumulator();
        p.run(reference, cancel, (b, o) -> {
            p.referenceLogits.add(o.data());
            acc.add(o.data(), b.size(), o.rowLength(), b.labels());
        });
        p.referenceAccuracy = acc.result().top1();
        return p;
    }

    public int size() {
        return batches.stream().mapToInt(Batch::size).sum();
    }

    public double referenceAccuracy() {
        return referenceAccuracy;
    }

    /** A variant's accuracy on the images and its agreement with the reference. */
    public Score score(Graph variant, CancellationToken cancel) {
        AccuracyAccumulator acc = new AccuracyAccumulator();
        AgreementAccumulator agree = new AgreementAccumulator();
        int[] i = {0};
        run(variant, cancel, (b, o) -> {
            acc.add(o.data(), b.size(), o.rowLength(), b.labels());
            agree.add(referenceLogits.get(i[0]++), o.data(), b.size(), o.rowLength());
        });
        return new Score(acc.result().top1(), agree.result());
    }

    private void run(Graph g, CancellationToken cancel, java.util.function.BiConsumer<Batch, BackendOutput> sink) {
        try (OnnxRuntimeBackend backend = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), runtime)) {
            for (Batch b : batches) {
                cancel.throwIfCancelled();
                sink.accept(b, backend.run(b.data(), b.shape()));
            }
        }
    }

    /** Accuracy of a variant and how closely its outputs follow the reference's. */
    public record Score(double accuracy, AgreementResult agreement) {
    }
}

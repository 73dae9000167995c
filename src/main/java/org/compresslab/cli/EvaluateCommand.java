package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.stats.LatencyStatistics;
import org.compresslab.progress.CancellationToken;
import org.compresslab.study.EvaluationJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compresslab evaluate MODEL --dataset …}: accuracy with its interval, latency, size, MACs. */
@Command(name = "evaluate", description = "Measure a model's accuracy, latency, size and MACs on a dataset.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "A model: an ONNX file, a TorchScript archive (.pt) or a TensorFlow SavedModel folder.")
    Path model;

    @Mixin
    MeasurementOptions measurement;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ModelFile file = ModelFile.load(model);
        Preprocessing prep = measurement.preprocessingFor(file, err);
        ImageDataset dataset = measurement.openDataset();
        EvaluationResult r = new Evaluator().evaluate(file, dataset, prep, measurement.settings(),
                new ConsoleProgress(err, !output.json), CancellationToken.NEVER);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.write(EvaluationJson.evaluation(r)));
        } else {
            printText(out, r);
        }
        return 0;
    }

    static void printText(PrintWriter out, EvaluationResult r) {
        LatencyStatistics l = r.latency();
        out.printf(Locale.ROOT, "Model       %s%n", r.model());
        out.printf(Locale.ROOT, "Dataset     %s, n = %d%n", r.dataset(), r.accuracy().n());
        out.printf(Locale.ROOT, "Accuracy    top-1 %.2f%% (95%% CI %.2f–%.2f%%), top-5 %.2f%%%n",
                100 * r.accuracy().top1(), 100 * r.accuracy().top1Ci95().lo(), 100 * r.accuracy().top1Ci95().hi(),
                100 * r.accuracy().top5());
        out.printf(Locale.ROOT, "Latency     p50 %.3f ms (min %.3f, p10 %.3f, p90 %.3f, p99 %.3f; mean %.3f ± %.3f; %d runs)%n",
                l.p50(), l.min(), l.p10(), l.p90(), l.p99(), l.mean(), l.std(), l.n());
        out.printf(Locale.ROOT, "Throughput  %.1f images/s at batch %d%n", r.throughputImagesPerSecond(), r.batch());
        out.printf(Locale.ROOT, "Conditions  %d thread(s), optimisation %s, %s, %s%n", r.threads(),
                r.optimizationText(), r.runtime(), r.cpu());
        out.printf(Locale.ROOT, "Size        %s, gzip %s, %s params (%s non-zero)%n", Format.bytes(r.size().bytes()),
                Format.bytes(r.size().gzipBytes()), Format.count(r.size().params()), Format.count(r.size().nonZeroParams()));
        out.printf(Locale.ROOT, "MACs        %s per image%n", r.macs() < 0 ? "unknown" : Format.count(r.macs()));
        out.printf(Locale.ROOT, "Memory      %s (process resident memory growth from loading the model through the accuracy pass)%n",
                r.memoryBytes() < 0 ? "not measured" : Format.bytes(r.memoryBytes()));
    }
}

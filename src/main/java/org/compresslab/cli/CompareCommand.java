package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.compresslab.data.ImageDataset;
import org.compresslab.eval.ComparisonResult;
import org.compresslab.eval.ModelFile;
import org.compresslab.eval.PairedComparison;
import org.compresslab.progress.CancellationToken;
import org.compresslab.study.EvaluationJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compresslab compare A B --dataset …}: both evaluations, interleaved latency ratio, agreement, McNemar. */
@Command(name = "compare", description = "Compare two models on the same images; latency is timed interleaved (A B B A …).")
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "A", description = "The reference model (e.g. the baseline).")
    Path modelA;

    @Parameters(index = "1", paramLabel = "B", description = "The model to compare with it.")
    Path modelB;

    @Mixin
    MeasurementOptions measurement;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        ModelFile a = ModelFile.load(modelA);
        ModelFile b = ModelFile.load(modelB);
        ImageDataset dataset = measurement.openDataset();
        ComparisonResult c = new PairedComparison().compare(a, measurement.preprocessingFor(a, err),
                b, measurement.preprocessingFor(b, err), dataset, measurement.settings(),
                new ConsoleProgress(err, !output.json), CancellationToken.NEVER);
        PrintWriter out = spec.commandLine().getOut();
        if (output.json) {
            out.println(Json.write(EvaluationJson.comparison(c)));
            return 0;
        }
        out.println("== A ==");
        EvaluateCommand.printText(out, c.a());
        out.println("== B ==");
        EvaluateCommand.printText(out, c.b());
        out.println("== A vs B ==");
        out.printf(Locale.ROOT, "Speed-up    %.3f× (95%% CI %.3f–%.3f; latency of A over B, > 1 means B is faster)%n",
                c.speedup().median(), c.speedup().lo(), c.speedup().hi());
        out.printf(Locale.ROOT, "Agreement   top-1 %.2f%%, mean KL %.4g, mean cosine %.5f%n",
                100 * c.agreement().top1Agreement(), c.agreement().meanKl(), c.agreement().meanCosine());
        out.printf(Locale.ROOT, "McNemar     p = %.4g (only A correct %d, only B correct %d)%n",
                c.mcnemar().pValue(), c.mcnemar().onlyA(), c.mcnemar().onlyB());
        return 0;
    }
}

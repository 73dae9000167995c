package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.Recipe;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.DatasetException;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.compresslab.study.CompressionJson;
import org.compresslab.study.ImportMeasurement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compresslab compress MODEL --recipe FILE --dataset … --out DIR}: runs a recipe, evaluating every step. */
@Command(name = "compress", description = "Run a recipe of compression steps on a model; every step's model is "
        + "written to the output folder and evaluated.")
final class CompressCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "An ONNX file or a TensorFlow SavedModel folder (imported); a TorchScript archive only as a distillation teacher.")
    Path model;

    @Option(names = "--recipe", required = true, paramLabel = "FILE",
            description = "Recipe JSON: {\"steps\":[{\"technique\":\"quantize.static-int8\", …}]} "
                    + "(see 'compresslab techniques').")
    Path recipe;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the steps' models.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
            description = "Seed for calibration subsets and training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train-split", defaultValue = "train", paramLabel = "SPLIT",
            description = "Split used for calibration and fine-tuning (default: ${DEFAULT-VALUE}).")
    String trainSplit;

    @Option(names = "--project", paramLabel = "DIR",
            description = "Also record the baseline's evaluation and every step as runs of the project in DIR "
                    + "(created if needed), for the GUI and 'compresslab report'.")
    Path project;

    @Option(names = "--name", paramLabel = "TEXT", description = "The runs' name in the project (default: the "
            + "steps' titles).")
    String name;

    @Mixin
    MeasurementOptions measurement;

    @Mixin
    OutputOptions output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter outWriter = spec.commandLine().getOut();
        TechniqueRegistry registry = TechniqueRegistry.standard();
        Recipe r = RecipeJson.read(recipe);
        RecipeJson.validate(r, registry); // fail on a bad recipe before minutes of measuring
        ModelFile file = ModelFile.load(model);
        Preprocessing prep = measurement.preprocessingFor(file, err);
        ImageDataset evaluation = measurement.openDataset();
        ImageDataset training = trainingData(evaluation, err);
        ConsoleProgress progress = new ConsoleProgress(err, !output.json);
        EvaluationResult baseline = new Evaluator().evaluate(file, evaluation, prep, measurement.settings(), progress,
                CancellationToken.NEVER);
        // a SavedModel runs in TensorFlow, its variants in ONNX Runtime: they are compared with the import
        ImportMeasurement.Result imported = ImportMeasurement.needed(file) ? ImportMeasurement.measure(file, out,
                evaluation, prep, measurement.settings(), progress, CancellationToken.NEVER) : null;
        CompressionContext ctx = new CompressionContext(prep, training, evaluation,
                measurement.settings().runtimeOptions(), seed, progress, null, CancellationToken.NEVER);
        List<StepResult> steps = new RecipeRunner(registry).run(file, r, ctx, measurement.settings(), out,
                s -> s.warnings().forEach(w -> err.println("compresslab: warning: " + s.technique() + ": " + w)));
        if (project != null) {
            String runName = name != null ? name : String.join(" → ", steps.stream()
                    .map(st -> st.parameters().descriptor().title()).toList());
            ProjectRecorder.record(project, file, measurement.dataset, measurement.split, measurement.settings(),
                    baseline, imported, steps, runName);
            err.println("compresslab: recorded in the project " + project);
        }
        if (output.json) {
            outWriter.println(Json.write(CompressionJson.result(baseline, imported, steps)));
        } else {
            printText(outWriter, baseline, imported, steps);
        }
        return 0;
    }

    private ImageDataset trainingData(ImageDataset evaluation, PrintWriter err) {
        try {
            return Datasets.open(measurement.dataset, trainSplit);
        } catch (DatasetException e) {
            err.println("compresslab: note: no '" + trainSplit + "' split (" + e.getMessage()
                    + "); calibrating and fine-tuning on the evaluation images themselves");
            return evaluation;
        }
    }

    private static void printText(PrintWriter out, EvaluationResult baseline, ImportMeasurement.Result imported,
                                  List<StepResult> steps) {
        out.printf(Locale.ROOT, "%-4s %-26s %-24s %9s %11s %8s %12s %7s%n", "step", "technique", "top-1 (95% CI)",
                "Δ top-1", "p50 ms", "speed", "size", "size×");
        EvaluationResult base = baseline;
        row(out, "0", "baseline (" + runtimeName(baseline) + ")", baseline, baseline);
        if (imported != null) {
            // the steps run in ONNX Runtime: their ratios are against the import there, not TensorFlow
            base = imported.evaluation();
            row(out, "0", "imported (" + runtimeName(base) + ")", base, base);
        }
        int i = 0;
        for (StepResult s : steps) {
            i++;
            if (s.evaluation() == null) {
                out.printf(Locale.ROOT, "%-4d %-26s (an analysis: the model is unchanged; report below)%n", i,
                        s.technique());
            } else {
                row(out, Integer.toString(i), s.technique(), s.evaluation(), base);
            }
        }
        i = 0;
        for (StepResult s : steps) {
            i++;
            out.println();
            ReportPrinter.print(out, i, s);
            if (s.evaluation() != null) {
                out.println("  model: " + s.model());
            }
        }
    }

    private static String runtimeName(EvaluationResult r) {
        int space = r.runtime().indexOf(' ');
        return space < 0 ? r.runtime() : r.runtime().substring(0, space);
    }

    private static void row(PrintWriter out, String step, String technique, EvaluationResult r, EvaluationResult base) {
        var a = r.accuracy();
        out.printf(Locale.ROOT, "%-4s %-26s %6.2f%% (%5.2f–%5.2f) %+8.2f %11.3f %7.2f× %12s %6.2f×%n", step,
                Format.clip(technique, 26), 100 * a.top1(), 100 * a.top1Ci95().lo(), 100 * a.top1Ci95().hi(),
                100 * (a.top1() - base.accuracy().top1()), r.latency().p50(), base.latency().p50() / r.latency().p50(),
                Format.bytes(r.size().bytes()), (double) base.size().bytes() / r.size().bytes());
    }
}

package org.compresslab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import org.compresslab.data.Datasets;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.runtime.OptimizationLevel;
import picocli.CommandLine.Option;

/** The dataset and measurement options that evaluate, compare and later commands share. */
public final class MeasurementOptions {
    @Option(names = "--dataset", required = true, paramLabel = "fashion-mnist|PATH",
            description = "The bundled 'fashion-mnist' or a folder with one sub-folder of images per class.")
    String dataset;

    @Option(names = "--split", defaultValue = "test", description = "Dataset split (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--preprocessing", paramLabel = "FILE",
            description = "Preprocessing JSON overriding the one in the model's metadata.")
    Path preprocessing;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Evaluate only the first N images (default: all).")
    int limit;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "T", description = "Runtime threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--batch", defaultValue = "1", paramLabel = "B", description = "Batch size for latency (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--runs", defaultValue = "100", paramLabel = "R", description = "Timed latency runs (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--warmup", defaultValue = "10", paramLabel = "W", description = "Untimed warm-up runs (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--time-budget", defaultValue = "0", paramLabel = "SECONDS",
            description = "Keep timing until this many seconds have passed (at least R runs).")
    double timeBudget;

    @Option(names = "--optimization", defaultValue = "all", paramLabel = "LEVEL",
            description = "ONNX Runtime graph optimisation: disabled, basic, extended, all (default: ${DEFAULT-VALUE}).")
    String optimization;

    EvaluationSettings settings() {
        try {
            return new EvaluationSettings(limit, batch, threads, runs, warmup, OptimizationLevel.parse(optimization),
                    timeBudget);
        } catch (IllegalArgumentException e) {
            throw new BadInputException(e.getMessage());
        }
    }

    ImageDataset openDataset() {
        return Datasets.open(dataset, split);
    }

    /**
     * The preprocessing for a model: the --preprocessing file, else the model's metadata, else plain
     * [0,1] pixels at the model's input size — said on stderr, since accuracy depends on it.
     */
    Preprocessing preprocessingFor(ModelFile model, PrintWriter err) {
        if (preprocessing != null) {
            return Preprocessing.read(preprocessing);
        }
        if (model.preprocessing().isPresent()) {
            return model.preprocessing().get();
        }
        Preprocessing derived = model.preprocessingOrDefault().orElseThrow(() -> new BadInputException(
                model.format() == org.compresslab.runtime.ModelFormat.TORCHSCRIPT
                        ? model.displayName() + ": TorchScript records no input shape; pass --preprocessing FILE, or "
                        + "save the module with torch.jit.save(m, f, _extra_files={\"compresslab.preprocessing\": "
                        + "JSON}) so it carries its own"
                        : model.displayName() + ": the input shape does not say the image size; pass --preprocessing FILE"));
        err.println("compresslab: note: " + model.displayName() + " carries no preprocessing; using pixels in [0,1] at "
                + derived.width() + "×" + derived.height() + "×" + derived.channels()
                + " (pass --preprocessing FILE if it was trained otherwise)");
        return derived;
    }
}

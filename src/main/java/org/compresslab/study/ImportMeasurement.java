package org.compresslab.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.compress.CompressionException;
import org.compresslab.data.ImageDataset;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.ModelFormat;

/**
 * A SavedModel baseline runs in TensorFlow, but every compressed variant runs in ONNX Runtime: compared
 * with the TensorFlow figure, a variant would be credited with the change of runtime. So the import itself
 * is written as ONNX and measured in ONNX Runtime, and the variants are compared with that.
 */
public final class ImportMeasurement {
    /** The file name of the import among a run's step models; 00 sorts it before step 01. */
    public static final String FILE_NAME = "00-imported.onnx";
    /** The name of the run that records the measurement. */
    public static final String RUN_NAME = "Imported as ONNX";

    private ImportMeasurement() {
    }

    /** The written import and its evaluation in ONNX Runtime. */
    public record Result(Path file, EvaluationResult evaluation) {
    }

    /** Whether {@code model}'s baseline runs in another runtime than its compressed variants will. */
    public static boolean needed(ModelFile model) {
        return model.format() == ModelFormat.SAVED_MODEL;
    }

    public static Result measure(ModelFile model, Path outDir, ImageDataset data, Preprocessing prep,
                                 EvaluationSettings settings, ProgressListener progress, CancellationToken cancel) {
        Path file = outDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(outDir);
            // a SavedModel's bytes are already its import written as ONNX: write them, no second serialisation
            Files.write(file, model.bytes());
        } catch (IOException e) {
            throw new CompressionException("cannot write " + file + " (" + e.getMessage()
                    + "); check the disk has space and the folder is writable", e);
        }
        ModelFile written = new ModelFile(file, model.bytes(), model.graph());
        return new Result(file, new Evaluator().evaluate(written, data, prep, settings, progress, cancel));
    }

    /** The project's record of the import's measurement, chained to the baseline's evaluation. */
    public static Run run(Path file, EvaluationResult r, String parentRunId, EvaluationSettings settings) {
        String description = String.format(java.util.Locale.ROOT, "The SavedModel as imported into the graph, run in "
                + "ONNX Runtime on %s (%,d images): the steps' models run there too, so compare them with this run, "
                + "not with the TensorFlow baseline", r.dataset(), r.accuracy().n());
        return new Run(Run.newId(), RUN_NAME, Run.KIND_EVALUATE, java.time.Instant.now(), description, null,
                file.toString(), parentRunId, settings, r, Run.FINISHED, null);
    }
}

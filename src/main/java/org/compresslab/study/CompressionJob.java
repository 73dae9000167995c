package org.compresslab.study;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
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
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.train.TrainingListener;

/**
 * One queued compression run, as the workbench starts it: evaluates the baseline first when the project
 * has no evaluation of it on the same settings (so every point of the chart is measured alike), then runs
 * the recipe, handing each result on as soon as it exists so a later failure keeps what finished.
 * Plain Java: the UI calls it on a worker thread, tests call it directly.
 */
public final class CompressionJob {
    /**
     * What the user asked for.
     *
     * @param trainSplit the split decisions use (calibration, fine-tuning); the project's split judges
     */
    public record Request(String title, Recipe recipe, EvaluationSettings settings, String trainSplit, long seed) {
        public Request {
            if (recipe == null || recipe.steps().isEmpty()) {
                throw new IllegalArgumentException("a run needs at least one step");
            }
            if (trainSplit == null || trainSplit.isBlank()) {
                throw new IllegalArgumentException("name the split used for calibration and fine-tuning");
            }
        }
    }

    /** Told on the worker thread as results appear. */
    public interface Listener {
        default void baselineEvaluated(EvaluationResult result) {
        }

        /**
         * A baseline run in another runtime (a SavedModel in TensorFlow) has been imported, written as ONNX to
         * {@code file} and measured in ONNX Runtime, where the steps' models run too.
         */
        default void importEvaluated(Path file, EvaluationResult result) {
        }

        default void stepFinished(int stepIndex, StepResult step) {
        }

        /** A plain-words note, e.g. that the training split was missing. */
        default void note(String message) {
        }
    }

    private final TechniqueRegistry registry;

    public CompressionJob(TechniqueRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param baseline          the model the recipe starts from
     * @param evaluateBaseline  whether to measure the baseline first (it has no comparable evaluation yet)
     * @param evaluateImport    whether to measure a SavedModel's import in ONNX Runtime (no comparable run
     *                          yet): without it, the chart would credit the techniques with the change of
     *                          runtime from TensorFlow to ONNX Runtime
     * @param outDir            where the steps' models are written
     */
    public List<StepResult> run(Path baseline, DatasetChoice dataset, boolean evaluateBaseline, boolean evaluateImport,
                                Request request, Path outDir, ProgressListener progress, TrainingListener training,
                                CancellationToken cancel, Listener listener) {
        List<org.compresslab.compress.StepParameters> steps = RecipeJson.validate(request.recipe(), registry);
        ModelFile model = ModelFile.load(baseline);
        Preprocessing prep = preprocessing(model, dataset);
        ImageDataset evaluation = Datasets.open(dataset.spec(), dataset.split());
        ImageDataset trainingData = trainingData(dataset, request.trainSplit(), evaluation, listener);
        boolean importToMeasure = evaluateImport && ImportMeasurement.needed(model);
        int measurements = (evaluateBaseline ? 1 : 0) + (importToMeasure ? 1 : 0);
        double baselineShare = (double) measurements / (steps.size() + measurements);
        double firstShare = measurements == 0 ? 0 : baselineShare / measurements;
        if (evaluateBaseline) {
            EvaluationResult r = new Evaluator().evaluate(model, evaluation, prep, request.settings(),
                    (f, m) -> progress.progress(f < 0 ? f : f * firstShare, "baseline: " + m), cancel);
            listener.baselineEvaluated(r);
        }
        if (importToMeasure) {
            double from = evaluateBaseline ? firstShare : 0;
            ImportMeasurement.Result r = ImportMeasurement.measure(model, outDir, evaluation, prep, request.settings(),
                    (f, m) -> progress.progress(f < 0 ? f : from + f * firstShare, "import in ONNX Runtime: " + m),
                    cancel);
            listener.importEvaluated(r.file(), r.evaluation());
        }
        ProgressListener rest = (f, m) -> progress.progress(f < 0 ? f : baselineShare + (1 - baselineShare) * f, m);
        CompressionContext ctx = new CompressionContext(prep, trainingData, evaluation,
                request.settings().runtimeOptions(), request.seed(), rest, training, cancel);
        List<StepResult> done = new ArrayList<>();
        return new RecipeRunner(registry).run(model, request.recipe(), ctx, request.settings(), outDir, s -> {
            done.add(s);
            listener.stepFinished(done.size() - 1, s);
        });
    }

    private static Preprocessing preprocessing(ModelFile model, DatasetChoice dataset) {
        if (dataset.preprocessing() != null) {
            return dataset.preprocessing();
        }
        return model.preprocessingOrDefault().orElseThrow(() -> new CompressionException(model.displayName()
                + " does not say its input size: set its preprocessing on the Evaluate page and evaluate it once"));
    }

    private static ImageDataset trainingData(DatasetChoice dataset, String split, ImageDataset evaluation,
                                             Listener listener) {
        if (split.equals(dataset.split())) {
            listener.note("calibrating and fine-tuning on the '" + split + "' split, the same images that judge the "
                    + "results: the accuracy figures will be optimistic");
            return evaluation;
        }
        try {
            return Datasets.open(dataset.spec(), split);
        } catch (DatasetException e) {
            listener.note("the dataset has no '" + split + "' split (" + e.getMessage()
                    + "); calibrating and fine-tuning on the evaluation images themselves");
            return evaluation;
        }
    }
}

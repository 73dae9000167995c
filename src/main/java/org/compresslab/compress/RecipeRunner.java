package org.compresslab.compress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.function.Consumer;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.Evaluator;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.progress.ProgressListener;

/**
 * Runs a recipe's steps in order on a model: each step's technique transforms the previous step's
 * model, the result is written into the output folder and evaluated on the evaluation data. Progress
 * is reported over the whole recipe; a finished step is handed to the listener at once, so a
 * cancelled or failed recipe still leaves the steps that finished.
 */
public final class RecipeRunner {
    /** Metadata key for the steps that made a model (a reproducible recipe). */
    public static final String RECIPE_METADATA_KEY = "compresslab.recipe";

    private final TechniqueRegistry registry;

    public RecipeRunner(TechniqueRegistry registry) {
        this.registry = registry;
    }

    public List<StepResult> run(ModelFile model, Recipe recipe, CompressionContext context, EvaluationSettings evaluation,
                                Path outDir, Consumer<StepResult> onStepFinished) {
        List<StepParameters> steps = RecipeJson.validate(recipe, registry);
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new CompressionException("cannot create the output folder " + outDir + " (" + e.getMessage() + ")", e);
        }
        List<StepResult> results = new ArrayList<>();
        ModelFile current = model;
        List<StepParameters> done = new ArrayList<>();
        int n = steps.size();
        for (int i = 0; i < n; i++) {
            context.cancel().throwIfCancelled();
            StepParameters p = forInput(steps.get(i), current);
            Technique technique = registry.find(p.descriptor().id());
            String label = "step " + (i + 1) + " of " + n + " (" + p.descriptor().id() + ")";
            double from = (double) i / n;
            double to = (i + 1.0) / n;
            double split = p.descriptor().transformsModel() ? 0.8 : 1.0;
            ProgressListener stepProgress = scaled(context.progress(), from, from + (to - from) * split, label);
            long start = System.nanoTime();
            TechniqueOutcome outcome = technique.apply(current.graph(), p, context.withProgress(stepProgress));
            done.add(p);
            if (!p.descriptor().transformsModel()) {
                results.add(finish(new StepResult(p, current.path(), null, outcome.report(), outcome.warnings(),
                        seconds(start)), onStepFinished));
                continue;
            }
            Graph result = outcome.model();
            result.metadata().put(RECIPE_METADATA_KEY, recipeSoFar(current.graph(), done));
            Path file = outDir.resolve(String.format(Locale.ROOT, "%02d-%s.onnx", i + 1, p.descriptor().id()));
            write(result, file);
            ModelFile written = ModelFile.load(file);
            EvaluationResult ev = new Evaluator().evaluate(written, context.evaluationData(), context.preprocessing(),
                    evaluation, scaled(context.progress(), from + (to - from) * split, to, label + ": evaluating"),
                    context.cancel());
            results.add(finish(new StepResult(p, file, ev, outcome.report(), outcome.warnings(), seconds(start)),
                    onStepFinished));
            current = written;
        }
        context.progress().progress(1.0, "recipe done");
        return results;
    }

    /**
     * A TorchScript module has no graph a technique can edit, but it can teach: a distillation step that
     * would take "the step's input model" as teacher is given the module's file; any other step is refused
     * with what to do instead.
     */
    private static StepParameters forInput(StepParameters p, ModelFile input) {
        if (input.format().hasEditableGraph()) {
            return p;
        }
        if (!p.descriptor().id().equals(org.compresslab.compress.distill.KnowledgeDistillation.ID)) {
            input.editableGraph("be transformed by " + p.descriptor().id());
        }
        if (!p.textList("teacher").isEmpty()) {
            return p;
        }
        Map<String, Object> raw = new LinkedHashMap<>(p.values());
        raw.put("teacher", List.of(input.path().toString()));
        return StepParameters.validate(p.descriptor(), raw);
    }

    private static StepResult finish(StepResult r, Consumer<StepResult> listener) {
        listener.accept(r);
        return r;
    }

    /** The steps that made this model: those recorded in the input model, then this recipe's so far. */
    private static String recipeSoFar(Graph input, List<StepParameters> done) {
        String earlier = input.metadata().get(RECIPE_METADATA_KEY);
        List<StepParameters> all = new ArrayList<>(done);
        String json = RecipeJson.write(all);
        if (earlier == null) {
            return json;
        }
        // keep the history readable without re-validating steps written by another version
        return "{\"earlier\":" + earlier + ",\"then\":" + json + "}";
    }

    private static void write(Graph g, Path file) {
        try {
            OnnxWriter.write(g, file);
        } catch (IOException e) {
            throw new CompressionException("cannot write " + file + " (" + e.getMessage()
                    + "); check the disk has space and the folder is writable", e);
        }
    }

    private static ProgressListener scaled(ProgressListener p, double from, double to, String label) {
        return (f, m) -> p.progress(f < 0 ? f : from + (to - from) * f, label + ": " + m);
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}

package org.compresslab.study.report;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.RecipeJson;
import org.compresslab.compress.RecipeRunner;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.study.RecipeRuns;
import org.compresslab.study.Run;

/**
 * A real project for the report tests: LeNet-5 evaluated on the first 200 Fashion-MNIST test images, then
 * a two-step pipeline (magnitude pruning 30% → static int8) with every step evaluated, and one failed run.
 * The baseline's name holds the characters HTML and CSV must escape.
 */
public final class ReportFixtures {
    /** A run name a user might type, with every character the writers must escape or quote. */
    public static final String AWKWARD_NAME = "Baseline <float> & \"co\", 'v1'";
    public static final String FAILED_NAME = "Channel pruning 70%";

    private ReportFixtures() {
    }

    /** Builds the project, saves it into {@code folder} (models copied in) and returns it as loaded from there. */
    public static Project savedProject(Path folder, Path scratch) {
        ModelFile m = CompressionFixtures.sample("lenet5");
        EvaluationSettings settings = EvaluationSettings.defaults().withLimit(200).withRuns(10);
        EvaluationResult base = CompressionFixtures.evaluate(m, settings.limit(), settings.runs());
        Project project = new Project("LeNet-5 study");
        project.setBaselineModel(m.path().toString());
        project.setDataset(new DatasetChoice("fashion-mnist", "test", null));
        project.setSettings(settings);
        Run baseline = Run.evaluation(AWKWARD_NAME, "The float model on 200 test images.", m.path().toString(),
                settings, base);
        project.addRun(baseline);
        List<StepResult> steps = new RecipeRunner(TechniqueRegistry.standard()).run(m, RecipeJson.parse("""
                {"steps":[{"technique":"prune.magnitude","sparsity":0.3},
                          {"technique":"quantize.static-int8","samples":32}]}"""),
                CompressionFixtures.context(m), settings, scratch, s -> { });
        RecipeRuns.of(steps, baseline.id(), settings).forEach(project::addRun);
        project.addRun(new Run(Run.newId(), FAILED_NAME, "prune.channels", Instant.now(), "Removed 70% of channels.",
                "{\"steps\":[{\"technique\":\"prune.channels\",\"ratio\":0.7}]}", null, baseline.id(), settings, null,
                Run.FAILED, "Fine-tuning was cancelled."));
        new ProjectStore().save(project, folder);
        return new ProjectStore().load(folder);
    }
}

package org.compresslab.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.compresslab.compress.StepResult;
import org.compresslab.eval.EvaluationResult;
import org.compresslab.eval.EvaluationSettings;
import org.compresslab.eval.ModelFile;
import org.compresslab.study.BaselineEvaluations;
import org.compresslab.study.DatasetChoice;
import org.compresslab.study.ImportMeasurement;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.study.RecipeRuns;
import org.compresslab.study.Run;

/**
 * Records a command-line compression in a project folder, as the GUI's run queue would: the baseline's
 * evaluation (reused when the project already has one of this model with the same settings) and one
 * run per step that made a model, chained to it.
 */
final class ProjectRecorder {
    private ProjectRecorder() {
    }

    static void record(Path folder, ModelFile model, String dataset, String split, EvaluationSettings settings,
                       EvaluationResult baseline, ImportMeasurement.Result imported, List<StepResult> steps,
                       String name) {
        ProjectStore store = new ProjectStore();
        boolean exists = Files.isRegularFile(folder.resolve(ProjectStore.PROJECT_FILE));
        Project p = exists ? store.load(folder) : new Project(folder.toAbsolutePath().normalize().getFileName().toString());
        Path modelPath = model.path().toAbsolutePath().normalize();
        if (p.baselineModel() == null) {
            p.setBaselineModel(modelPath.toString());
            p.setDataset(new DatasetChoice(dataset, split, null));
            p.setSettings(settings);
        }
        Run base = BaselineEvaluations.find(p, modelPath, settings).orElse(null);
        if (base == null) {
            base = Run.evaluation("Baseline evaluation", String.format(Locale.ROOT, "Evaluated %s on %s (%,d images)",
                    baseline.model(), baseline.dataset(), baseline.accuracy().n()),
                    BaselineEvaluations.modelEntry(p, modelPath), settings, baseline);
            p.addRun(base);
        }
        String parent = base.id();
        if (imported != null) {
            Run importRun = ImportMeasurement.run(imported.file().toAbsolutePath(), imported.evaluation(), parent,
                    settings);
            p.addRun(importRun);
            parent = importRun.id();
        }
        for (int i = 0; i < steps.size(); i++) {
            StepResult s = steps.get(i);
            Run r = RecipeRuns.step(s, RecipeRuns.stepName(name, i, steps.size(), s), parent, settings);
            if (r != null) { // an analysis made no model
                p.addRun(r);
                parent = r.id();
            }
        }
        store.save(p, folder);
    }
}

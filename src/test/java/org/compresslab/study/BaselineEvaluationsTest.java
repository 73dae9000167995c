package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.compresslab.eval.EvaluationSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineEvaluationsTest {
    @TempDir
    Path dir;

    @Test
    void findsOnlyAFinishedEvaluationOfThatModelWithTheSameSettings() throws IOException {
        Path baseline = StudyFixtures.model(dir, "baseline.onnx", "baseline bytes");
        Path other = StudyFixtures.model(dir, "other.onnx", "other bytes");
        Project project = StudyFixtures.project(baseline);
        EvaluationSettings settings = StudyFixtures.settings();
        Run failed = StudyFixtures.evaluationRun(baseline.toString()).withStatus(Run.FAILED, "stopped");
        Run ofOther = StudyFixtures.evaluationRun(other.toString());
        Run evaluation = StudyFixtures.evaluationRun(baseline.toString());
        project.addRun(failed);
        project.addRun(ofOther);
        project.addRun(evaluation);

        assertThat(BaselineEvaluations.find(project, baseline, settings)).contains(evaluation);
        assertThat(BaselineEvaluations.find(project, other, settings)).contains(ofOther);
        assertThat(BaselineEvaluations.find(project, baseline, settings.withRuns(settings.runs() + 1))).isEmpty();
        assertThat(BaselineEvaluations.find(project, dir.resolve("never-evaluated.onnx"), settings)).isEmpty();
    }

    @Test
    void theModelASavedProjectCopiedIsItsBaselineWhileTheBytesAreTheSame() throws IOException {
        Path original = StudyFixtures.model(dir.resolve("models-elsewhere"), "baseline.onnx", "baseline bytes");
        Project project = StudyFixtures.project(original);
        Run evaluation = StudyFixtures.evaluationRun(original.toString());
        project.addRun(evaluation);
        new ProjectStore().save(project, dir.resolve("study"));
        assertThat(project.resolve(project.baselineModel())).isNotEqualTo(original);

        assertThat(BaselineEvaluations.find(project, original, StudyFixtures.settings()))
                .map(Run::id).contains(evaluation.id());
        assertThat(BaselineEvaluations.modelEntry(project, original)).isEqualTo(project.baselineModel());

        StudyFixtures.model(original.getParent(), "baseline.onnx", "retrained bytes");
        assertThat(BaselineEvaluations.find(project, original, StudyFixtures.settings())).isEmpty();
        assertThat(BaselineEvaluations.modelEntry(project, original)).isEqualTo(original.toString());
    }

    @Test
    void aProjectWithoutABaselineOnlyMatchesTheSamePath() throws IOException {
        Path model = StudyFixtures.model(dir, "m.onnx", "bytes");
        Path twin = StudyFixtures.model(dir, "twin.onnx", "bytes");
        Project project = new Project("Study");
        project.addRun(StudyFixtures.evaluationRun(model.toString()));

        assertThat(BaselineEvaluations.find(project, model, StudyFixtures.settings())).isPresent();
        assertThat(BaselineEvaluations.find(project, twin, StudyFixtures.settings())).isEmpty();
        assertThat(BaselineEvaluations.modelEntry(project, twin)).isEqualTo(twin.toString());
    }
}

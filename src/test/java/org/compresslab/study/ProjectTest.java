package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.compresslab.eval.EvaluationSettings;
import org.junit.jupiter.api.Test;

class ProjectTest {

    @Test
    void aNewProjectIsCleanUntilSomethingIsSet() {
        Project project = new Project("Study");

        assertThat(project.isDirty()).isFalse();
        assertThat(project.settings()).isEqualTo(EvaluationSettings.defaults());
        assertThat(project.folder()).isEmpty();
        assertThat(project.runs()).isEmpty();
        assertThat(project.loadWarnings()).isEmpty();
    }

    @Test
    void everyChangeMakesTheProjectDirty() {
        Project project = new Project("Study");
        project.setName("Renamed");
        assertThat(project.isDirty()).isTrue();

        assertDirtiedBy(p -> p.setBaselineModel("/models/a.onnx"));
        assertDirtiedBy(p -> p.setDataset(new DatasetChoice("fashion-mnist", "test", null)));
        assertDirtiedBy(p -> p.setSettings(EvaluationSettings.defaults().withRuns(3)));
        assertDirtiedBy(p -> p.addRun(StudyFixtures.evaluationRun(null)));
    }

    @Test
    void settingTheSameValueAgainIsNotAChange() {
        Project project = new Project("Study");

        project.setName("Study");
        project.setSettings(EvaluationSettings.defaults());
        project.setBaselineModel(null);

        assertThat(project.isDirty()).isFalse();
    }

    @Test
    void removingAndReplacingRunsAreChanges() {
        Run run = StudyFixtures.evaluationRun("models/a.onnx");
        Project project = cleanProjectWith(run);

        project.replaceRun(run.withStatus(Run.CANCELLED, "stopped"));
        assertThat(project.isDirty()).isTrue();
        assertThat(project.run(run.id())).get().extracting(Run::status).isEqualTo(Run.CANCELLED);

        project = cleanProjectWith(run);
        assertThat(project.removeRun(run.id())).isTrue();
        assertThat(project.isDirty()).isTrue();
        assertThat(project.runs()).isEmpty();
        assertThat(project.removeRun("no-such-run")).isFalse();
    }

    @Test
    void runsAreOnlyChangedThroughTheProject() {
        Project project = new Project("Study");
        Run run = StudyFixtures.evaluationRun(null);

        assertThatThrownBy(() -> project.runs().add(run)).isInstanceOf(UnsupportedOperationException.class);
        project.addRun(run);
        assertThatThrownBy(() -> project.addRun(run)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(run.id());
        assertThatThrownBy(() -> project.replaceRun(StudyFixtures.quantizeRun(null, null)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void relativeModelPathsResolveAgainstTheProjectFolder() {
        Project project = new Project("Study");
        Path folder = Path.of("/data/study").toAbsolutePath();
        project.savedTo(folder, java.util.Map.of(), project.changeCount());
        Path elsewhere = Path.of("/elsewhere/m.onnx").toAbsolutePath();

        assertThat(project.resolve("models/a.onnx")).isEqualTo(folder.resolve("models").resolve("a.onnx"));
        assertThat(project.resolve(elsewhere.toString())).isEqualTo(elsewhere);
    }

    @Test
    void aProjectNeedsAName() {
        assertThatThrownBy(() -> new Project(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Project("ok").setName(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static Project cleanProjectWith(Run run) {
        Project project = new Project("Study");
        project.addRun(run);
        project.savedTo(Path.of("/data/study").toAbsolutePath(), java.util.Map.of(), project.changeCount());
        return project;
    }

    private static void assertDirtiedBy(java.util.function.Consumer<Project> change) {
        Project project = new Project("Study");
        change.accept(project);
        assertThat(project.isDirty()).isTrue();
    }
}

package org.compresslab.study.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectException;
import org.compresslab.study.Run;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectReportTest {
    @TempDir
    static Path dir;
    static Project project;

    @BeforeAll
    static void makeProject() {
        project = ReportFixtures.savedProject(dir.resolve("project"), dir.resolve("scratch"));
    }

    @Test
    void theBaselineIsTheEvaluationOfTheBaselineModelAndEveryEvaluatedRunIsComparedWithIt() {
        ProjectReport report = ProjectReport.of(project);

        assertThat(report.baseline().name()).isEqualTo(ReportFixtures.AWKWARD_NAME);
        assertThat(report.runs()).hasSize(3);
        assertThat(report.runs()).allSatisfy(r -> assertThat(r.vsBaseline().runId()).isEqualTo(r.run().id()));
        ReportRun self = report.runs().get(0);
        assertThat(self.vsBaseline().accuracyDelta()).isZero();
        assertThat(self.technique()).isEqualTo("evaluation");
        ReportRun int8 = report.runs().get(2);
        assertThat(int8.technique()).isEqualTo("Static int8 quantization");
        assertThat(int8.vsBaseline().accuracyDelta())
                .isEqualTo(int8.result().accuracy().top1() - report.baseline().result().accuracy().top1());
        assertThat(int8.vsBaseline().mcnemarP()).isBetween(0.0, 1.0); // same 200 images: paired
    }

    @Test
    void eachRunCarriesItsPipelinesPathFromTheBaseline() {
        ProjectReport report = ProjectReport.of(project);

        assertThat(report.runs().get(2).path()).containsExactly(ReportFixtures.AWKWARD_NAME,
                "Step 1: Magnitude pruning (unstructured)", "Step 2: Static int8 quantization");
        assertThat(report.runs().get(0).path()).containsExactly(ReportFixtures.AWKWARD_NAME);
    }

    @Test
    void aRunWithoutFiguresIsLeftOutWithTheReason() {
        ProjectReport report = ProjectReport.of(project);

        assertThat(report.leftOut()).containsExactly(new ProjectReport.LeftOut(ReportFixtures.FAILED_NAME,
                "failed: Fine-tuning was cancelled."));
    }

    @Test
    void theEnvironmentIsThisMachinesAndTheRunsSayWhereTheyWereMeasured() {
        ProjectReport report = ProjectReport.of(project);

        Environment env = report.environment();
        assertThat(env.availableProcessors()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(env.javaVersion()).startsWith(System.getProperty("java.version"));
        assertThat(env.onnxRuntimeVersion()).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(env.cpuModel()).isEqualTo(org.compresslab.eval.stats.CpuInfo.modelName());
        // all three runs were measured here, in this JVM
        assertThat(report.measuredOn()).containsExactly(
                report.baseline().result().cpu() + ", " + report.baseline().result().runtime());
    }

    @Test
    void aChosenBaselineMustBeAnEvaluatedRun() {
        Run failed = project.runs().stream().filter(r -> r.name().equals(ReportFixtures.FAILED_NAME)).findFirst()
                .orElseThrow();
        Run pruned = project.runs().get(1);

        ProjectReport report = ProjectReport.of(project, pruned.id(), Environment.current(), Instant.now());

        assertThat(report.baseline()).isEqualTo(pruned);
        assertThat(report.runs().get(1).vsBaseline().accuracyDelta()).isZero();
        assertThatThrownBy(() -> ProjectReport.of(project, failed.id(), Environment.current(), Instant.now()))
                .isInstanceOf(ProjectException.class).hasMessageContaining("not an evaluated run");
    }

    @Test
    void aProjectWithoutEvaluatedRunsHasNothingToReport() {
        Project empty = new Project("Empty study");

        assertThatThrownBy(() -> ProjectReport.of(empty)).isInstanceOf(ProjectException.class)
                .hasMessage("The project \"Empty study\" has no evaluated run yet, so there is nothing to report:"
                        + " evaluate the baseline model first.");
    }
}

package org.compresslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.study.Project;
import org.compresslab.study.ProjectStore;
import org.compresslab.study.Run;
import org.compresslab.study.report.ReportFixtures;
import org.compresslab.study.report.RunExport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compresslab report} on a real project folder, and what it says when it cannot write one. */
class CliReportTest {
    @TempDir
    static Path dir;
    static Path projectDir;
    static Project project;

    @BeforeAll
    static void makeProject() {
        projectDir = dir.resolve("project");
        project = ReportFixtures.savedProject(projectDir, dir.resolve("scratch"));
    }

    private static void assertOneLineError(CliRunner.Outcome o, String... expectedWords) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        String err = o.err().strip();
        assertThat(err.lines().count()).as(err).isEqualTo(1);
        assertThat(err).startsWith("compresslab: ").doesNotContain("Exception", "\tat ");
        for (String w : expectedWords) {
            assertThat(err).containsIgnoringCase(w);
        }
    }

    @Test
    void writesTheHtmlAndTheCsvAndSaysWhere() throws Exception {
        Path html = dir.resolve("out/sub/report.html");
        Path csv = dir.resolve("out/runs.csv");

        CliRunner.Outcome o = CliRunner.run("report", projectDir.toString(), "--out", html.toString(),
                "--csv", csv.toString(), "--axis", "macs");

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("Wrote the report of 3 evaluated run(s) to " + html.toAbsolutePath())
                .contains("Wrote the CSV to " + csv.toAbsolutePath());
        String page = Files.readString(html);
        assertThat(page).contains("<h1>LeNet-5 study</h1>", "Static int8 quantization",
                "Top-1 accuracy against MACs per image", "Top-1 accuracy against latency p50 (ms)",
                "Top-1 accuracy against file size (bytes)");
        assertThat(page.indexOf("against MACs per image")).isLessThan(page.indexOf("against latency p50"));
        assertThat(Files.readAllLines(csv)).hasSize(4);
    }

    @Test
    void aRecipeExportedFromTheProjectIsOneCompressRuns() {
        Run pruned = project.runs().get(1);
        Path recipe = dir.resolve("pruned.recipe.json");
        RunExport.exportRecipe(pruned, recipe);

        CliRunner.Outcome o = CliRunner.run("compress", CompressionFixtures.samplePath("lenet5").toString(),
                "--recipe", recipe.toString(), "--dataset", "fashion-mnist", "--limit", "100", "--runs", "3",
                "--out", dir.resolve("recompressed").toString());

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("prune.magnitude");
        assertThat(dir.resolve("recompressed/01-prune.magnitude.onnx")).isRegularFile();
    }

    @Test
    void aFolderThatIsNotAProject() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-project"));

        assertOneLineError(CliRunner.run("report", empty.toString(), "--out", dir.resolve("r.html").toString()),
                "not a CompressLab project folder");
        assertThat(dir.resolve("r.html")).doesNotExist();
    }

    @Test
    void aProjectWithoutEvaluatedRuns() {
        Path folder = dir.resolve("fresh");
        new ProjectStore().save(new Project("Fresh study"), folder);

        assertOneLineError(CliRunner.run("report", folder.toString(), "--out", dir.resolve("fresh.html").toString()),
                "no evaluated run", "evaluate the baseline model first");
    }

    @Test
    void anOutputFileThatCannotBeWritten() throws Exception {
        Path blocker = Files.writeString(dir.resolve("blocker.txt"), "a file where a folder should be");

        assertOneLineError(CliRunner.run("report", projectDir.toString(), "--out",
                blocker.resolve("report.html").toString()), "Could not write the report", "blocker.txt");
        assertOneLineError(CliRunner.run("report", projectDir.toString(), "--out", dir.toString()),
                "it is a folder");
    }

    @Test
    void anUnknownAxisAndAMissingOutAreUsageErrors() {
        CliRunner.Outcome axis = CliRunner.run("report", projectDir.toString(), "--out", "x.html", "--axis", "speed");
        CliRunner.Outcome out = CliRunner.run("report", projectDir.toString());

        assertThat(axis.exitCode()).isEqualTo(2);
        assertThat(axis.err()).contains("--axis", "latency, size, macs, params");
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.err()).contains("--out");
    }
}

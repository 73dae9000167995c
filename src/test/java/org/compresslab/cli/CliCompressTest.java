package org.compresslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliCompressTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private String lenet() {
        return TestFiles.projectRoot().resolve("sample-models/lenet5.onnx").toString();
    }

    private Path recipe(String json) throws Exception {
        return Files.writeString(dir.resolve("recipe.json"), json);
    }

    @Test
    void compressWritesEachStepsModelAndPrintsBaselineAndStepEvaluations() throws Exception {
        Path r = recipe("{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":64}]}");

        CliRunner.Outcome o = CliRunner.run("compress", lenet(), "--recipe", r.toString(), "--dataset", "fashion-mnist",
                "--limit", "300", "--runs", "5", "--warmup", "1", "--out", dir.resolve("out").toString(), "--json");

        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = MAPPER.readTree(o.out());
        assertThat(j.at("/baseline/n").asInt()).isEqualTo(300);
        assertThat(j.at("/baseline/accuracy/top1").asDouble()).isGreaterThan(0.8);
        JsonNode step = j.at("/steps/0");
        assertThat(step.get("technique").asText()).isEqualTo("quantize.static-int8");
        assertThat(step.at("/parameters/samples").asInt()).isEqualTo(64);
        assertThat(step.at("/parameters/calibration").asText()).isEqualTo("percentile");
        Path model = Path.of(step.get("model").asText());
        assertThat(model).exists().hasFileName("01-quantize.static-int8.onnx");
        assertThat(step.at("/evaluation/size/bytes").asLong()).isEqualTo(Files.size(model))
                .isLessThan(j.at("/baseline/size/bytes").asLong() / 3);
        assertThat(step.at("/evaluation/accuracy/top1").asDouble())
                .isGreaterThan(j.at("/baseline/accuracy/top1").asDouble() - 0.03);
        assertThat(step.at("/report/runtime_ops/QLinearConv").asInt()).isEqualTo(2);
        assertThat(step.at("/report/quantized_layers").size()).isEqualTo(5);
    }

    @Test
    void withProjectTheRunsAreRecordedChainedToOneBaselineEvaluationThatTheNextRunReuses() throws Exception {
        Path project = dir.resolve("study");
        Path r = recipe("{\"steps\":[{\"technique\":\"prune.magnitude\",\"sparsity\":0.5},"
                + "{\"technique\":\"quantize.static-int8\",\"samples\":32}]}");
        String[] common = {"--dataset", "fashion-mnist", "--limit", "200", "--runs", "5", "--warmup", "1"};

        CliRunner.Outcome first = CliRunner.run(concat(new String[] {"compress", lenet(), "--recipe", r.toString(),
                "--out", dir.resolve("o1").toString(), "--project", project.toString(), "--name", "prune+int8"}, common));
        Path fp16 = recipe("{\"steps\":[{\"technique\":\"quantize.fp16\"}]}");
        CliRunner.Outcome second = CliRunner.run(concat(new String[] {"compress", lenet(), "--recipe", fp16.toString(),
                "--out", dir.resolve("o2").toString(), "--project", project.toString()}, common));

        assertThat(first.exitCode()).as(first.err()).isZero();
        assertThat(second.exitCode()).as(second.err()).isZero();
        org.compresslab.study.Project p = new org.compresslab.study.ProjectStore().load(project);
        assertThat(p.runs()).extracting(org.compresslab.study.Run::name).containsExactly("Baseline evaluation",
                "prune+int8 · 1/2 Magnitude pruning (unstructured)", "prune+int8 · 2/2 Static int8 quantization",
                "Float16 (half precision)");
        String baseline = p.runs().get(0).id();
        assertThat(p.runs().get(1).parentRunId()).isEqualTo(baseline);
        assertThat(p.runs().get(2).parentRunId()).isEqualTo(p.runs().get(1).id());
        assertThat(p.runs().get(3).parentRunId()).isEqualTo(baseline);
        assertThat(p.runs()).allSatisfy(run -> assertThat(p.resolve(run.modelFile())).exists().startsWith(project));
        assertThat(p.runs().get(2).result().accuracy().n()).isEqualTo(200);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void anUnknownTechniqueExitsWithBadInputNamingIt() throws Exception {
        Path r = recipe("{\"steps\":[{\"technique\":\"quantize.int2\"}]}");

        CliRunner.Outcome o = CliRunner.run("compress", lenet(), "--recipe", r.toString(), "--dataset", "fashion-mnist",
                "--out", dir.resolve("out").toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("unknown technique 'quantize.int2'").doesNotContain("Exception");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void aBadParameterExitsWithBadInputNamingTheParameterAndItsRange() throws Exception {
        Path r = recipe("{\"steps\":[{\"technique\":\"quantize.static-int8\",\"percentile\":101}]}");

        CliRunner.Outcome o = CliRunner.run("compress", lenet(), "--recipe", r.toString(), "--dataset", "fashion-mnist",
                "--out", dir.resolve("out").toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("'percentile'").contains("from 90 to 100").contains("was 101");
    }

    @Test
    void aMissingRecipeFileExitsWithBadInput() {
        CliRunner.Outcome o = CliRunner.run("compress", lenet(), "--recipe", dir.resolve("none.json").toString(),
                "--dataset", "fashion-mnist", "--out", dir.resolve("out").toString());

        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("no such recipe file");
    }

    @Test
    void techniquesListsEveryTechniqueWithItsParameters() throws Exception {
        CliRunner.Outcome o = CliRunner.run("techniques", "--json");

        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = MAPPER.readTree(o.out());
        assertThat(j.isArray()).isTrue();
        JsonNode first = j.get(0);
        assertThat(first.has("id")).isTrue();
        assertThat(first.get("parameters").get(0).has("explanation")).isTrue();
        JsonNode samples = null;
        for (JsonNode t : j) {
            if (t.get("id").asText().equals("quantize.static-int8")) {
                for (JsonNode p : t.get("parameters")) {
                    if (p.get("name").asText().equals("samples")) {
                        samples = p;
                    }
                }
            }
        }
        assertThat(samples).isNotNull();
        assertThat(samples.get("type").asText()).isEqualTo("integer");
        assertThat(samples.get("min").asDouble()).isEqualTo(8);
        assertThat(samples.get("default").asInt()).isEqualTo(512);
        assertThat(o.out()).contains("quantize.static-int8");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"inspect", "evaluate", "compare", "compress", "techniques",
            "train", "finetune"})
    void everyCommandPrintsItsHelp(String command) {
        CliRunner.Outcome o = CliRunner.run(command, "--help");

        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("Usage: compresslab " + command);
    }
}

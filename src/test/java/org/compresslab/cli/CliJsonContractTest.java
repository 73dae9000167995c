package org.compresslab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import org.compresslab.TestFiles;
import org.junit.jupiter.api.Test;

/** The JSON keys the README documents are a public contract; these tests hold the CLI to it. */
class CliJsonContractTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void inspectReportsPyTorchParameterCountAndReferenceMacsForResNet18() throws Exception {
        CliRunner.Outcome o = CliRunner.run("inspect", TestFiles.fixture("resnet18.onnx").toString(), "--json");
        assertThat(o.exitCode()).isZero();
        JsonNode j = MAPPER.readTree(o.out());
        JsonNode ref = MAPPER.readTree(Files.readString(TestFiles.fixture("resnet18.reference.json")));
        assertThat(j.get("params").asLong()).isEqualTo(ref.get("initializer_float_elements").asLong());
        assertThat(j.get("macs").asDouble()).isCloseTo(ref.get("macs").asDouble(), within(0.01 * ref.get("macs").asDouble()));
        assertThat(j.get("bytes").asLong()).isEqualTo(Files.size(TestFiles.fixture("resnet18.onnx")));
        assertThat(j.get("opset").asInt()).isEqualTo(13);
        assertThat(j.get("inputs").get(0).get("name").asText()).isEqualTo("input");
        assertThat(j.get("inputs").get(0).get("shape").toString()).contains("3", "64");
        assertThat(j.get("outputs").get(0).get("name").asText()).isEqualTo("logits");
        JsonNode firstConv = j.get("layers").get(0);
        assertThat(firstConv.get("op").asText()).isEqualTo("Conv");
        // 64 × 32 × 32 outputs × 3 × 7 × 7 = 9,633,792
        assertThat(firstConv.get("macs").asLong()).isEqualTo(9_633_792L);
        assertThat(firstConv.get("output_shape").toString()).isEqualTo("[1,64,32,32]");
        assertThat(firstConv.get("params").asLong()).isEqualTo(64 * 3 * 7 * 7);
    }

    @Test
    void aTorchScriptModuleInspectsWithItsFormatAndUnknownMacsAndComparesEqualToItsOnnxExport() throws Exception {
        CliRunner.Outcome i = CliRunner.run("inspect", TestFiles.fixture("fashion_cnn.pt").toString(), "--json");
        assertThat(i.exitCode()).as(i.err()).isZero();
        JsonNode j = MAPPER.readTree(i.out());
        assertThat(j.get("format").asText()).isEqualTo("TorchScript");
        assertThat(j.get("params").asLong()).isEqualTo(9_098);
        assertThat(j.get("macs").isNull()).isTrue();
        assertThat(j.get("inputs").get(0).get("shape").toString()).isEqualTo("[\"batch\",1,28,28]");

        CliRunner.Outcome c = CliRunner.run("compare", TestFiles.fixture("fashion_cnn.pt").toString(),
                TestFiles.fixture("fashion_cnn.onnx").toString(), "--dataset", "fashion-mnist", "--limit", "1000",
                "--runs", "20", "--json");
        assertThat(c.exitCode()).as(c.err()).isZero();
        JsonNode r = MAPPER.readTree(c.out());
        assertThat(r.get("agreement_top1").asDouble()).isEqualTo(1.0);
        assertThat(r.at("/a/runtime").asText()).startsWith("pytorch");
        assertThat(r.at("/b/runtime").asText()).startsWith("onnxruntime");
    }

    @Test
    void evaluateOfAPyTorchTrainedModelMatchesPyTorchAccuracyOnTheFullTestSet() throws Exception {
        CliRunner.Outcome o = CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", "fashion-mnist", "--runs", "20", "--json");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = MAPPER.readTree(o.out());
        JsonNode ref = MAPPER.readTree(Files.readString(TestFiles.fixture("fashion_cnn.reference.json")));
        assertThat(j.get("n").asLong()).isEqualTo(10_000);
        assertThat(j.at("/accuracy/top1").asDouble()).isEqualTo(ref.get("top1").asDouble());
        double lo = j.at("/accuracy/top1_ci95/0").asDouble();
        double hi = j.at("/accuracy/top1_ci95/1").asDouble();
        assertThat(lo).isLessThan(j.at("/accuracy/top1").asDouble()).isGreaterThan(0.8);
        assertThat(hi).isGreaterThan(j.at("/accuracy/top1").asDouble()).isLessThan(0.9);
        assertThat(j.at("/accuracy/top5").asDouble()).isBetween(j.at("/accuracy/top1").asDouble(), 1.0);
        for (String k : new String[] {"min", "p10", "p50", "p90", "p99", "mean", "std"}) {
            assertThat(j.at("/latency_ms/" + k).isNumber()).as(k).isTrue();
        }
        assertThat(j.at("/latency_ms/min").asDouble()).isPositive()
                .isLessThanOrEqualTo(j.at("/latency_ms/p50").asDouble());
        assertThat(j.at("/latency_ms/p50").asDouble()).isLessThanOrEqualTo(j.at("/latency_ms/p99").asDouble());
        assertThat(j.at("/latency_ms/runs").asInt()).isEqualTo(20);
        assertThat(j.get("throughput_ips").asDouble()).isPositive();
        assertThat(j.get("threads").asInt()).isEqualTo(1);
        assertThat(j.get("batch").asInt()).isEqualTo(1);
        assertThat(j.at("/size/bytes").asLong()).isEqualTo(Files.size(TestFiles.fixture("fashion_cnn.onnx")));
        assertThat(j.at("/size/gzip_bytes").asLong()).isPositive().isLessThan(j.at("/size/bytes").asLong());
        assertThat(j.at("/size/params").asLong()).isEqualTo(9098);
        assertThat(j.at("/size/nonzero_params").asLong()).isEqualTo(9098);
        assertThat(j.get("macs").asLong()).isEqualTo(290_080);
    }

    @Test
    void evaluatePredictionsEqualPyTorchPredictionsImageByImage() throws Exception {
        // the CLI reports aggregates; check per-image agreement through the engine the CLI uses
        var file = org.compresslab.eval.ModelFile.load(TestFiles.fixture("fashion_cnn.onnx"));
        var dataset = org.compresslab.data.Datasets.open("fashion-mnist", "test");
        var r = new org.compresslab.eval.Evaluator().evaluate(file, dataset, file.preprocessing().orElseThrow(),
                org.compresslab.eval.EvaluationSettings.defaults().withRuns(5),
                org.compresslab.progress.ProgressListener.NONE, org.compresslab.progress.CancellationToken.NEVER);
        int[] torch = MAPPER.convertValue(MAPPER.readTree(Files.readString(TestFiles.fixture("fashion_cnn.reference.json")))
                .get("predictions"), int[].class);
        int differing = 0;
        for (int i = 0; i < torch.length; i++) {
            if (torch[i] != r.predictions()[i]) {
                differing++;
            }
        }
        assertThat(differing).isZero();
    }

    @Test
    void compareReportsSpeedupAgreementAndMcNemar() throws Exception {
        String m = TestFiles.fixture("fashion_cnn.onnx").toString();
        CliRunner.Outcome o = CliRunner.run("compare", m, m, "--dataset", "fashion-mnist", "--limit", "500",
                "--runs", "30", "--json");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = MAPPER.readTree(o.out());
        assertThat(j.at("/a/n").asLong()).isEqualTo(500);
        assertThat(j.at("/b/accuracy/top1").asDouble()).isEqualTo(j.at("/a/accuracy/top1").asDouble());
        assertThat(j.get("agreement_top1").asDouble()).isEqualTo(1.0);
        assertThat(j.get("mcnemar_p").asDouble()).isEqualTo(1.0);
        double median = j.at("/speedup/median").asDouble();
        assertThat(median).isPositive();
        assertThat(j.at("/speedup/ci95/0").asDouble()).isLessThanOrEqualTo(median);
        assertThat(j.at("/speedup/ci95/1").asDouble()).isGreaterThanOrEqualTo(median);
    }

    @Test
    void textOutputOfEvaluateShowsIntervalPercentilesAndSize() {
        CliRunner.Outcome o = CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", "fashion-mnist", "--limit", "200", "--runs", "10");
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("n = 200", "95% CI", "p50", "p90", "p99", "gzip", "params", "MACs");
    }

    @Test
    void versionIsPrinted() {
        CliRunner.Outcome o = CliRunner.run("--version");
        assertThat(o.exitCode()).isZero();
        assertThat(o.out()).startsWith("CompressLab ");
    }
}

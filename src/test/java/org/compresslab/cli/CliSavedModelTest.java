package org.compresslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped SavedModel sample (sample-models/fashion_cnn_savedmodel, the trained fashion CNN rebuilt in
 * TensorFlow Java by scripts/make-savedmodel-sample.sh) from the command line: evaluated in TensorFlow,
 * converted to ONNX, compared with that conversion, and compressed into ONNX.
 */
class CliSavedModelTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String[] DATA = {"--dataset", "fashion-mnist", "--limit", "500", "--runs", "10", "--warmup", "1"};

    @TempDir
    Path dir;

    private static String savedModel() {
        return TestFiles.projectRoot().resolve("sample-models/fashion_cnn_savedmodel").toString();
    }

    private static String[] with(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    @Test
    void aSavedModelEvaluatesInTensorFlowAndItsOnnxConversionAgreesImageByImage() throws Exception {
        CliRunner.Outcome inspect = CliRunner.run("inspect", savedModel(), "--json");
        assertThat(inspect.exitCode()).as(inspect.err()).isZero();
        JsonNode i = MAPPER.readTree(inspect.out());
        assertThat(i.get("format").asText()).isEqualTo("TensorFlow SavedModel");
        assertThat(i.get("params").asLong()).isEqualTo(9_098);
        assertThat(i.get("macs").asLong()).isEqualTo(290_080);

        Path onnx = dir.resolve("fashion_cnn_tf.onnx");
        CliRunner.Outcome convert = CliRunner.run("convert", savedModel(), "--out", onnx.toString());
        assertThat(convert.exitCode()).as(convert.err()).isZero();
        assertThat(onnx).exists();

        CliRunner.Outcome compare = CliRunner.run(with(new String[] {"compare", savedModel(), onnx.toString()},
                with(DATA, "--json")));
        assertThat(compare.exitCode()).as(compare.err()).isZero();
        JsonNode c = MAPPER.readTree(compare.out());
        assertThat(c.at("/a/runtime").asText()).startsWith("tensorflow");
        assertThat(c.at("/b/runtime").asText()).startsWith("onnxruntime");
        assertThat(c.get("agreement_top1").asDouble()).isEqualTo(1.0);
        assertThat(c.at("/a/accuracy/top1").asDouble()).isEqualTo(c.at("/b/accuracy/top1").asDouble())
                .isGreaterThan(0.8);
    }

    @Test
    void aSavedModelCompressesIntoOnnx() throws Exception {
        Path recipe = Files.writeString(dir.resolve("r.json"),
                "{\"steps\":[{\"technique\":\"quantize.static-int8\",\"samples\":64}]}");
        CliRunner.Outcome o = CliRunner.run(with(new String[] {"compress", savedModel(), "--recipe", recipe.toString(),
                "--out", dir.resolve("out").toString()}, with(DATA, "--json")));

        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = MAPPER.readTree(o.out());
        assertThat(j.at("/baseline/runtime").asText()).startsWith("tensorflow");
        JsonNode step = j.at("/steps/0");
        assertThat(Path.of(step.get("model").asText())).exists().hasFileName("01-quantize.static-int8.onnx");
        assertThat(step.at("/evaluation/runtime").asText()).startsWith("onnxruntime");
        assertThat(step.at("/report/runtime_ops/QLinearConv").asInt()).isEqualTo(2);
        assertThat(step.at("/evaluation/accuracy/top1").asDouble())
                .isGreaterThan(j.at("/baseline/accuracy/top1").asDouble() - 0.03);
        // the import is measured in ONNX Runtime too, so the step is judged in the runtime it runs in
        assertThat(j.at("/imported/evaluation/runtime").asText()).startsWith("onnxruntime");
        assertThat(Path.of(j.at("/imported/model").asText())).exists().hasFileName("00-imported.onnx");
        assertThat(j.at("/imported/evaluation/accuracy/top1").asDouble())
                .isEqualTo(j.at("/baseline/accuracy/top1").asDouble());
    }

    @Test
    void theTextTableComparesTheStepsWithTheImportInOnnxRuntime() throws Exception {
        Path recipe = Files.writeString(dir.resolve("r.json"), "{\"steps\":[{\"technique\":\"quantize.fp16\"}]}");
        CliRunner.Outcome o = CliRunner.run(with(new String[] {"compress", savedModel(), "--recipe", recipe.toString(),
                "--out", dir.resolve("out").toString()}, DATA));
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(o.out()).contains("baseline (tensorflow)").contains("imported (onnxruntime)");
    }
}

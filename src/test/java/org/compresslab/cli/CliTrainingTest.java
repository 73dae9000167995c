package org.compresslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.compresslab.TestFiles;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train and finetune write ONNX models that carry their preprocessing and evaluate. */
class CliTrainingTest {
    @TempDir
    Path dir;

    @Test
    void trainWritesAModelWithItsPreprocessingThatEvaluates() throws Exception {
        Path out = dir.resolve("lenet.onnx");
        CliRunner.Outcome o = CliRunner.run("train", "--arch", "lenet5", "--dataset", "fashion-mnist", "--epochs", "1",
                "--limit", "800", "--seed", "3", "--out", out.toString(), "--json");
        assertThat(o.exitCode()).as(o.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(o.out());
        assertThat(j.get("params").asLong()).isEqualTo(61_706);
        assertThat(j.get("epochs")).hasSize(1);
        assertThat(j.at("/epochs/0/validation_accuracy").asDouble()).isGreaterThan(0.2);
        assertThat(o.err()).contains("epoch 1/1");
        ModelFile m = ModelFile.load(out);
        Preprocessing p = m.preprocessing().orElseThrow();
        assertThat(p.width()).isEqualTo(28);
        assertThat(p.mean()[0]).isBetween(0.27f, 0.30f);
        CliRunner.Outcome e = CliRunner.run("evaluate", out.toString(), "--dataset", "fashion-mnist", "--limit", "300",
                "--runs", "5", "--json");
        assertThat(e.exitCode()).as(e.err()).isZero();
        assertThat(new ObjectMapper().readTree(e.out()).at("/accuracy/top1").asDouble()).isGreaterThan(0.2);
    }

    @Test
    void finetuneContinuesFromTheModelsWeights() throws Exception {
        Path out = dir.resolve("tuned.onnx");
        CliRunner.Outcome o = CliRunner.run("finetune", TestFiles.fixture("fashion_cnn.onnx").toString(), "--dataset",
                "fashion-mnist", "--epochs", "1", "--limit", "1000", "--out", out.toString());
        assertThat(o.exitCode()).as(o.err()).isZero();
        assertThat(Files.exists(out)).isTrue();
        CliRunner.Outcome e = CliRunner.run("evaluate", out.toString(), "--dataset", "fashion-mnist", "--limit", "500",
                "--runs", "5", "--json");
        // a trained model stays trained: far above chance after one epoch at a fine-tuning rate
        assertThat(new ObjectMapper().readTree(e.out()).at("/accuracy/top1").asDouble()).isGreaterThan(0.75);
    }

    @Test
    void unknownArchitectureExitsTwoNamingTheValidOnes() {
        CliRunner.Outcome o = CliRunner.run("train", "--arch", "alexnet", "--dataset", "fashion-mnist", "--epochs", "1",
                "--out", dir.resolve("x.onnx").toString());
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("alexnet", "resnet20");
    }
}

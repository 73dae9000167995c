package org.compresslab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.compresslab.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input exits 2 with one plain line on stderr and no stack trace. */
class CliBadInputTest {
    @TempDir
    Path dir;

    private static void assertOneLineError(CliRunner.Outcome o, String... expectedWords) {
        assertThat(o.exitCode()).as(o.err()).isEqualTo(2);
        String err = o.err().strip();
        assertThat(err.lines().filter(l -> !l.startsWith("compresslab: note:")).count()).as(err).isEqualTo(1);
        assertThat(err).doesNotContain("Exception", "\tat ");
        for (String w : expectedWords) {
            assertThat(err).containsIgnoringCase(w);
        }
    }

    @Test
    void missingModelFile() {
        assertOneLineError(CliRunner.run("inspect", dir.resolve("nope.onnx").toString()), "no such file");
    }

    @Test
    void emptyModelFile() throws IOException {
        Path f = Files.createFile(dir.resolve("empty.onnx"));
        assertOneLineError(CliRunner.run("inspect", f.toString()), "empty");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        Path f = Files.write(dir.resolve("junk.onnx"), junk);
        assertOneLineError(CliRunner.run("inspect", f.toString()), "not an ONNX model");
    }

    @Test
    void aStateDictIsNotTorchScript() {
        assertOneLineError(CliRunner.run("inspect", TestFiles.fixture("state_dict_not_torchscript.pt").toString()),
                "not a TorchScript archive", "torch.jit.save");
    }

    @Test
    void aFolderThatIsNotASavedModel() throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not a model");
        assertOneLineError(CliRunner.run("inspect", dir.toString()), "not a TensorFlow SavedModel");
    }

    @Test
    void aCorruptSavedModel() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(folder.resolve("saved_model.pb"), "garbage");
        assertOneLineError(CliRunner.run("evaluate", folder.toString(), "--dataset", "fashion-mnist"),
                "cannot load the SavedModel");
    }

    @Test
    void imagesThatDoNotFitATorchScriptModuleSayWhatToCheck() throws IOException {
        Path prep = Files.writeString(dir.resolve("p.json"),
                "{\"width\":32,\"height\":32,\"channels\":3,\"mean\":[0],\"std\":[1],\"layout\":\"NCHW\"}");
        assertOneLineError(CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.pt").toString(), "--dataset",
                "fashion-mnist", "--limit", "10", "--preprocessing", prep.toString()), "preprocessing");
    }

    @Test
    void truncatedModel() throws IOException {
        byte[] model = Files.readAllBytes(TestFiles.fixture("fashion_cnn.onnx"));
        Path f = Files.write(dir.resolve("truncated.onnx"), java.util.Arrays.copyOf(model, model.length / 2));
        assertOneLineError(CliRunner.run("evaluate", f.toString(), "--dataset", "fashion-mnist"), "truncated");
    }

    @Test
    void protobufThatIsNotAModel() throws IOException {
        byte[] tensor = ai.onnx.proto.OnnxMl.TensorProto.newBuilder().setName("w").setDataType(1).addDims(2)
                .addFloatData(1f).addFloatData(2f).build().toByteArray();
        Path f = Files.write(dir.resolve("tensor.onnx"), tensor);
        assertOneLineError(CliRunner.run("inspect", f.toString()), "not an ONNX model");
    }

    @Test
    void folderGivenAsModel() {
        assertOneLineError(CliRunner.run("inspect", dir.toString()), "folder");
    }

    @Test
    void datasetWhoseImagesCannotBeRead() throws IOException {
        Path cls = Files.createDirectories(dir.resolve("images/cat"));
        Files.writeString(cls.resolve("broken.png"), "this is not a PNG");
        assertOneLineError(CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", dir.resolve("images").toString()), "broken.png");
    }

    @Test
    void datasetFolderThatDoesNotExist() {
        assertOneLineError(CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", dir.resolve("missing").toString()));
    }

    @Test
    void imagesThatDoNotFitTheModel() throws IOException {
        Path prep = Files.writeString(dir.resolve("prep.json"),
                "{\"width\":32,\"height\":32,\"channels\":3,\"mean\":[0.5],\"std\":[0.5],\"layout\":\"NCHW\"}");
        assertOneLineError(CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", "fashion-mnist", "--preprocessing", prep.toString()), "expects", "preprocessing");
    }

    @Test
    void unknownSplit() {
        assertOneLineError(CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", "fashion-mnist", "--split", "validation"), "split");
    }

    @Test
    void malformedPreprocessingFile() throws IOException {
        Path prep = Files.writeString(dir.resolve("prep.json"), "{\"width\": -3");
        assertOneLineError(CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", "fashion-mnist", "--preprocessing", prep.toString()));
    }

    @Test
    void invalidOptionValue() {
        CliRunner.Outcome o = CliRunner.run("evaluate", TestFiles.fixture("fashion_cnn.onnx").toString(),
                "--dataset", "fashion-mnist", "--threads", "0");
        assertOneLineError(o, "threads");
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRunner.Outcome o = CliRunner.run("inspect", TestFiles.fixture("fashion_cnn.onnx").toString(), "--frobnicate");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("frobnicate");
    }

    @Test
    void verboseShowsTheStackTrace() {
        CliRunner.Outcome o = CliRunner.run("inspect", dir.resolve("nope.onnx").toString(), "--verbose");
        assertThat(o.exitCode()).isEqualTo(2);
        assertThat(o.err()).contains("\tat ");
    }
}

package org.compresslab.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.compresslab.onnx.OnnxProtos.FLOAT;
import static org.compresslab.onnx.OnnxProtos.valueInfo;

import ai.onnx.proto.OnnxMl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.compresslab.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever is wrong with a file, reading it fails with an {@link OnnxFormatException} saying what, in one plain line. */
class OnnxReaderErrorTest {

    /** Reads and returns the message, checking it is one line of plain words without exception class names. */
    private static String failureOf(Path file) {
        return plain(catchThrowableOfType(OnnxFormatException.class, () -> OnnxReader.read(file)));
    }

    private static String failureOf(byte[] bytes) {
        return plain(catchThrowableOfType(OnnxFormatException.class, () -> OnnxReader.read(bytes)));
    }

    private static String plain(OnnxFormatException e) {
        assertThat(e).as("an OnnxFormatException").isNotNull();
        String m = e.getMessage();
        assertThat(m).isNotBlank().doesNotContain("\n").doesNotContain("\r")
                .doesNotContainPattern("[A-Za-z]+(Exception|Error)\\b")
                .doesNotContain("java.").doesNotContain("com.google");
        return m;
    }

    @Test
    void missingFileSaysSo(@TempDir Path dir) {
        Path missing = dir.resolve("nowhere.onnx");
        assertThat(failureOf(missing)).contains("nowhere.onnx").contains("no such file");
    }

    @Test
    void directoryIsNotReadable(@TempDir Path dir) {
        assertThat(failureOf(dir)).contains("cannot read the file");
    }

    @Test
    void emptyFileSaysItIsEmpty(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.onnx"));
        assertThat(failureOf(empty)).isEqualTo("empty.onnx: the file is empty, not an ONNX model");
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomBytesAreNotAModel(long seed) {
        byte[] bytes = new byte[1 + new Random(seed).nextInt(4096)];
        new Random(seed * 31).nextBytes(bytes);
        assertThat(failureOf(bytes)).contains("not an ONNX model");
    }

    @Test
    void textFileIsNotAModel(@TempDir Path dir) throws IOException {
        Path txt = Files.writeString(dir.resolve("notes.onnx"), "name,value\nalpha,1\n");
        assertThat(failureOf(txt)).startsWith("notes.onnx: ").contains("not an ONNX model");
    }

    @Test
    void truncatedRealModelSaysItIsTruncated(@TempDir Path dir) throws IOException {
        byte[] full = Files.readAllBytes(TestFiles.fixture("fashion_cnn.onnx"));
        Path half = Files.write(dir.resolve("fashion_cnn_half.onnx"), Arrays.copyOf(full, full.length / 2));
        assertThat(failureOf(half)).startsWith("fashion_cnn_half.onnx: ").contains("truncated");
    }

    @Test
    void serializedTensorIsNotAModel() {
        OnnxMl.TensorProto tensor = OnnxProtos.rawFloats("weight", new long[] {2, 2}, 1, 2, 3, 4);
        assertThat(failureOf(tensor.toByteArray())).contains("not an ONNX model");
    }

    @Test
    void modelWithoutOpsetDeclarationIsRejected() {
        OnnxMl.ModelProto m = OnnxMl.ModelProto.newBuilder().setIrVersion(8)
                .setGraph(OnnxProtos.reluGraph()).build();
        assertThat(failureOf(m.toByteArray())).contains("no opset declaration");
    }

    @Test
    void externalDataTensorIsRejectedNamingTheTensor() {
        OnnxMl.TensorProto external = OnnxMl.TensorProto.newBuilder().setName("big_weight").setDataType(FLOAT)
                .addDims(1000).setDataLocation(OnnxMl.TensorProto.DataLocation.EXTERNAL)
                .addExternalData(OnnxMl.StringStringEntryProto.newBuilder().setKey("location").setValue("weights.bin"))
                .build();
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().addInitializer(external).build(), 13).toByteArray();
        assertThat(failureOf(model)).contains("'big_weight'").contains("external file");
    }

    @Test
    void unsupportedOpsetIsNamed() {
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().build(), 99).toByteArray();
        assertThat(failureOf(model)).contains("opset 99").contains("7–22");
    }

    @Test
    void danglingNodeInputIsNamed() {
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("g")
                .addInput(valueInfo("x", FLOAT, 2))
                .addNode(OnnxMl.NodeProto.newBuilder().setName("add").setOpType("Add").addInput("x")
                        .addInput("ghost").addOutput("y"))
                .addOutput(valueInfo("y", FLOAT, 2)).build();
        String m = failureOf(OnnxProtos.model(g, 13).toByteArray());
        assertThat(m).startsWith("the model is not valid: ").contains("node 'add' reads 'ghost', which nothing produces");
        assertThat(m).doesNotContain("invalid model");
    }

    @Test
    void cycleIsNamed() {
        OnnxMl.GraphProto g = OnnxMl.GraphProto.newBuilder().setName("g")
                .addInput(valueInfo("x", FLOAT, 2))
                .addNode(OnnxMl.NodeProto.newBuilder().setName("p").setOpType("Add").addInput("x").addInput("vq")
                        .addOutput("vp"))
                .addNode(OnnxProtos.node("q", "Relu", "vp", "vq"))
                .addOutput(valueInfo("vq", FLOAT, 2)).build();
        assertThat(failureOf(OnnxProtos.model(g, 13).toByteArray())).contains("cycle").contains("node '");
    }

    @Test
    void typedDataWithTheWrongCountIsRejected() {
        OnnxMl.TensorProto bad = OnnxMl.TensorProto.newBuilder().setName("w").setDataType(FLOAT).addDims(3)
                .addFloatData(1f).build();
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().addInitializer(bad).build(), 13).toByteArray();
        assertThat(failureOf(model)).contains("tensor 'w' has 1 values but its shape needs 3");
    }

    @Test
    void rawDataWithTheWrongLengthIsRejected() {
        OnnxMl.TensorProto bad = OnnxProtos.rawFloats("w", new long[] {3}, 1f, 2f);
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().addInitializer(bad).build(), 13).toByteArray();
        assertThat(failureOf(model)).contains("tensor 'w' has 8 bytes");
    }

    @Test
    void unsupportedElementTypeIsNamed() {
        OnnxMl.TensorProto odd = OnnxMl.TensorProto.newBuilder().setName("c").setDataType(14).addDims(1)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[8])).build(); // COMPLEX64
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().addInitializer(odd).build(), 13).toByteArray();
        assertThat(failureOf(model)).contains("unsupported tensor element type (ONNX code 14)");
    }

    @Test
    void stringTensorIsRejected() {
        OnnxMl.TensorProto s = OnnxMl.TensorProto.newBuilder().setName("labels")
                .setDataType(OnnxMl.TensorProto.DataType.STRING_VALUE).addDims(1)
                .addStringData(com.google.protobuf.ByteString.copyFromUtf8("cat")).build();
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().addInitializer(s).build(), 13).toByteArray();
        assertThat(failureOf(model)).contains("'labels' holds strings");
    }

    @Test
    void sequenceInputIsRejected() {
        OnnxMl.ValueInfoProto seq = OnnxMl.ValueInfoProto.newBuilder().setName("seq")
                .setType(OnnxMl.TypeProto.newBuilder().setSequenceType(OnnxMl.TypeProto.Sequence.newBuilder()
                        .setElemType(valueInfo("e", FLOAT, 1).getType()))).build();
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().addInput(seq).build(), 13).toByteArray();
        assertThat(failureOf(model)).contains("'seq' is not a tensor");
    }

    @Test
    void aValidModelStillReads() {
        byte[] model = OnnxProtos.model(OnnxProtos.reluGraph().build(), 13).toByteArray();
        assertThat(OnnxReader.read(model).nodes()).hasSize(1);
    }
}

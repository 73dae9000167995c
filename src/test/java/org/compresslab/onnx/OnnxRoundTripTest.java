package org.compresslab.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compresslab.onnx.OnnxProtos.BOOL;
import static org.compresslab.onnx.OnnxProtos.FLOAT;
import static org.compresslab.onnx.OnnxProtos.valueInfo;

import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.compresslab.TestFiles;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writing a {@link Graph} as ONNX and reading it back keeps everything the graph holds. */
class OnnxRoundTripTest {

    private static Graph roundTrip(Graph g) {
        return OnnxReader.read(OnnxWriter.toBytes(g));
    }

    /** A graph exercising every attribute kind, tensor types, metadata, opsets and symbolic dims. */
    private static Graph rich() {
        Graph g = new Graph();
        g.setName("rich");
        g.setIrVersion(8);
        g.setProducerName("unit-test");
        g.setProducerVersion("1.2.3");
        g.setDocString("a graph for round trips");
        g.opsets().put("", 13L);
        g.opsets().put("custom", 2L);
        g.metadata().put("compresslab.preprocessing", "{\"width\":28}");
        g.metadata().put("author", "Zoë");
        g.addInput(new ValueInfo("x", DataType.FLOAT, new Shape(new long[] {-1, 3, -1, -1},
                new String[] {"batch", null, "height", null})));
        float[] w = {0f, -0f, Float.MIN_VALUE, Float.intBitsToFloat(0x7fc01234), 1.5f, -1e30f};
        g.putInitializer(Tensor.ofFloats("w", new long[] {2, 3}, w));
        g.putInitializer(Tensor.ofBytes("q", DataType.INT8, new long[] {3}, new byte[] {-128, 0, 127}));
        g.putInitializer(Tensor.ofFloat16("h", new long[] {2}, new float[] {65504f, -0f}));
        g.putInitializer(Tensor.ofLongs("shape", new long[] {2}, new long[] {1, -1}));
        Node custom = new Node("annotated", "Annotated", "custom", List.of("x", "w"), List.of("a"));
        custom.setDocString("node doc");
        custom.setAttribute(Attribute.ofFloat("f", 0.25f));
        custom.setAttribute(Attribute.ofInt("i", -7));
        custom.setAttribute(Attribute.ofString("s", "ünïcode"));
        custom.setAttribute(Attribute.ofTensor("t", Tensor.ofInts("t_val", new long[] {2}, new int[] {5, -6})));
        custom.setAttribute(Attribute.ofFloats("fs", 1f, -2f, Float.POSITIVE_INFINITY));
        custom.setAttribute(Attribute.ofInts("is", Long.MIN_VALUE, 0, Long.MAX_VALUE));
        custom.setAttribute(Attribute.ofStrings("ss", List.of("a", "", "c")));
        OnnxMl.AttributeProto typeProto = OnnxMl.AttributeProto.newBuilder().setName("tp")
                .setType(OnnxMl.AttributeProto.AttributeType.TYPE_PROTO)
                .setTp(valueInfo("ignored", FLOAT, 1, "n").getType()).build();
        custom.setAttribute(Attribute.opaque("tp", typeProto.toByteArray()));
        g.addNode(custom);
        g.addNode(new Node("reshape", "Reshape", List.of("a", "shape"), List.of("y")));
        g.putValueInfo(new ValueInfo("a", DataType.FLOAT, new Shape(new long[] {-1, 6}, new String[] {"batch", null})));
        g.addOutput(new ValueInfo("y", DataType.FLOAT, new Shape(new long[] {-1, -1}, new String[] {"batch", "n"})));
        return g;
    }

    @Test
    void roundTripKeepsNodesAndAttributesOfEveryKind() {
        Graph back = roundTrip(rich());
        assertThat(back.nodes()).extracting(Node::name).containsExactly("annotated", "reshape");
        Node n = back.node("annotated").orElseThrow();
        assertThat(n.opType()).isEqualTo("Annotated");
        assertThat(n.domain()).isEqualTo("custom");
        assertThat(n.docString()).isEqualTo("node doc");
        assertThat(n.inputs()).containsExactly("x", "w");
        assertThat(n.outputs()).containsExactly("a");
        assertThat(n.attributes().keySet()).containsExactly("f", "i", "s", "t", "fs", "is", "ss", "tp");
        assertThat(n.floatAttr("f", 0)).isEqualTo(0.25f);
        assertThat(n.intAttr("i", 0)).isEqualTo(-7);
        assertThat(n.stringAttr("s", "")).isEqualTo("ünïcode");
        Tensor t = n.attribute("t").orElseThrow().asTensor();
        assertThat(t.name()).isEqualTo("t_val");
        assertThat(t.type()).isEqualTo(DataType.INT32);
        assertThat(t.toLongs()).containsExactly(5, -6);
        assertThat(n.attribute("fs").orElseThrow().asFloats()).containsExactly(1f, -2f, Float.POSITIVE_INFINITY);
        assertThat(n.intsAttr("is")).containsExactly(Long.MIN_VALUE, 0, Long.MAX_VALUE);
        assertThat(n.attribute("ss").orElseThrow().asStrings()).containsExactly("a", "", "c");
        Attribute tp = n.attribute("tp").orElseThrow();
        assertThat(tp.kind()).isEqualTo(Attribute.Kind.OPAQUE);
        assertThat(tp.asOpaque()).isEqualTo(rich().node("annotated").orElseThrow().attribute("tp").orElseThrow().asOpaque());
    }

    @Test
    void roundTripKeepsInitializersBitForBit() {
        Graph original = rich();
        Graph back = roundTrip(original);
        assertThat(back.initializers().keySet()).containsExactly("w", "q", "h", "shape");
        for (Tensor t : original.initializers().values()) {
            Tensor r = back.initializer(t.name()).orElseThrow();
            assertThat(r.type()).as(t.name()).isEqualTo(t.type());
            assertThat(r.dims()).as(t.name()).containsExactly(t.dims());
            assertThat(r.rawData()).as(t.name()).isEqualTo(t.rawData());
        }
        // the NaN payload and the sign of zero survive
        float[] w = back.initializer("w").orElseThrow().toFloats();
        assertThat(Float.floatToRawIntBits(w[1])).isEqualTo(0x80000000);
        assertThat(Float.floatToRawIntBits(w[3])).isEqualTo(0x7fc01234);
    }

    @Test
    void roundTripKeepsModelFactsMetadataOpsetsAndSymbolicDims() {
        Graph back = roundTrip(rich());
        assertThat(back.name()).isEqualTo("rich");
        assertThat(back.irVersion()).isEqualTo(8);
        assertThat(back.producerName()).isEqualTo("unit-test");
        assertThat(back.producerVersion()).isEqualTo("1.2.3");
        assertThat(back.docString()).isEqualTo("a graph for round trips");
        assertThat(back.opsets()).containsExactly(Map.entry("", 13L), Map.entry("custom", 2L));
        assertThat(back.metadata()).containsExactly(Map.entry("compresslab.preprocessing", "{\"width\":28}"),
                Map.entry("author", "Zoë"));
        Shape in = back.inputs().get(0).shape();
        assertThat(in.dims()).containsExactly(-1, 3, -1, -1);
        assertThat(in.symbol(0)).isEqualTo("batch");
        assertThat(in.symbol(1)).isNull();
        assertThat(in.symbol(2)).isEqualTo("height");
        assertThat(in.symbol(3)).isNull();
        assertThat(in.toString()).isEqualTo("[batch, 3, height, ?]");
        assertThat(back.outputs().get(0).shape().toString()).isEqualTo("[batch, n]");
        assertThat(back.valueInfos()).containsOnlyKeys("a");
        assertThat(back.valueInfos().get("a").shape().symbol(0)).isEqualTo("batch");
    }

    @Test
    void localFunctionsModelDomainAndVersionSurviveARoundTrip() {
        OnnxMl.FunctionProto function = OnnxMl.FunctionProto.newBuilder().setName("MyRelu").setDomain("local")
                .addInput("a").addOutput("b").addNode(OnnxProtos.node("inner", "Relu", "a", "b"))
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).build();
        OnnxMl.ModelProto model = OnnxProtos.model(OnnxProtos.reluGraph().build(), 13).toBuilder()
                .setDomain("org.example").setModelVersion(7).addFunctions(function).build();
        OnnxMl.ModelProto back = OnnxWriter.toProto(OnnxReader.read(model.toByteArray()));
        assertThat(back.getDomain()).isEqualTo("org.example");
        assertThat(back.getModelVersion()).isEqualTo(7);
        assertThat(back.getFunctionsList()).containsExactly(function);
    }

    @Test
    void writeReadWriteIsByteIdentical() {
        byte[] first = OnnxWriter.toBytes(rich());
        byte[] second = OnnxWriter.toBytes(OnnxReader.read(first));
        assertThat(Arrays.equals(second, first)).as("second write equals the first").isTrue();
    }

    @Test
    void opaqueCustomOpSurvivesWriteReadWriteUnchanged() throws Exception {
        Graph g = rich();
        OnnxMl.NodeProto before = OnnxWriter.toProto(g).getGraph().getNode(0);
        OnnxMl.NodeProto after = OnnxWriter.toProto(roundTrip(roundTrip(g))).getGraph().getNode(0);
        assertThat(after.getOpType()).isEqualTo("Annotated");
        assertThat(after.toByteArray()).isEqualTo(before.toByteArray());
    }

    @Test
    void writtenFileIsReadBackAndNoTemporaryFileIsLeft(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/model.onnx");
        OnnxWriter.write(rich(), file);
        OnnxWriter.write(rich(), file); // replacing an existing file works too
        assertThat(OnnxReader.read(file).nodes()).hasSize(2);
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("model.onnx");
        }
    }

    // ---- sub-graph attributes --------------------------------------------------------------------

    /** x → a:Relu → va → b:Sigmoid → vb; If(cond) whose branches read vb from the outer scope. */
    private static OnnxMl.ModelProto ifModel() {
        OnnxMl.GraphProto thenBranch = OnnxMl.GraphProto.newBuilder().setName("then")
                .addNode(OnnxProtos.node("then_id", "Identity", "vb", "then_out"))
                .addOutput(valueInfo("then_out", FLOAT, 2)).build();
        OnnxMl.GraphProto elseBranch = OnnxMl.GraphProto.newBuilder().setName("else")
                .addNode(OnnxProtos.node("else_neg", "Neg", "vb", "else_out"))
                .addOutput(valueInfo("else_out", FLOAT, 2)).build();
        OnnxMl.NodeProto ifNode = OnnxMl.NodeProto.newBuilder().setName("if").setOpType("If").addInput("cond")
                .addOutput("y")
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("then_branch")
                        .setType(OnnxMl.AttributeProto.AttributeType.GRAPH).setG(thenBranch))
                .addAttribute(OnnxMl.AttributeProto.newBuilder().setName("else_branch")
                        .setType(OnnxMl.AttributeProto.AttributeType.GRAPH).setG(elseBranch))
                .build();
        OnnxMl.GraphProto graph = OnnxMl.GraphProto.newBuilder().setName("main")
                .addInput(valueInfo("x", FLOAT, 2)).addInput(valueInfo("cond", BOOL, 1))
                .addNode(OnnxProtos.node("a", "Relu", "x", "va"))
                .addNode(OnnxProtos.node("b", "Sigmoid", "va", "vb"))
                .addNode(ifNode)
                .addOutput(valueInfo("y", FLOAT, 2)).build();
        return OnnxProtos.model(graph, 13);
    }

    @Test
    void ifNodeGraphAttributesAreKeptAsOpaqueBytesAndWrittenBackEqual() {
        OnnxMl.ModelProto model = ifModel();
        Graph g = OnnxReader.read(model.toByteArray());
        Node ifNode = g.node("if").orElseThrow();
        assertThat(ifNode.attribute("then_branch").orElseThrow().kind()).isEqualTo(Attribute.Kind.OPAQUE);
        OnnxMl.NodeProto written = OnnxWriter.toProto(g).getGraph().getNodeList().stream()
                .filter(n -> n.getName().equals("if")).findFirst().orElseThrow();
        OnnxMl.NodeProto source = model.getGraph().getNode(2);
        assertThat(written.getAttributeCount()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            assertThat(written.getAttribute(i).toByteArray()).isEqualTo(source.getAttribute(i).toByteArray());
        }
        assertThat(written.getAttribute(0).getG().getNode(0).getInput(0)).isEqualTo("vb");
    }

    @Test
    void readingKeepsTheSourceOrderSoOuterScopeReadsStayAfterTheirProducer() {
        // the If node declares only "cond" as input, but its branches read vb: the reader must not move
        // it before b, which nothing in the If's declared inputs would prevent
        Graph g = OnnxReader.read(ifModel().toByteArray());
        assertThat(g.nodes()).extracting(Node::name).containsExactly("a", "b", "if");
        assertThat(OnnxWriter.toProto(g).getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getName)
                .containsExactly("a", "b", "if");
    }

    @Test
    void ifModelStillRunsInOnnxRuntimeAfterARoundTrip() throws OrtException {
        byte[] rewritten = OnnxWriter.toBytes(OnnxReader.read(ifModel().toByteArray()));
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        float[] x = {-1f, 2f};
        // sigmoid(relu(x)) = {0.5, sigmoid(2)}; the else branch negates it
        try (OrtSession s = env.createSession(rewritten, new OrtSession.SessionOptions());
             OnnxTensor xt = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {2});
             OnnxTensor yes = OnnxTensor.createTensor(env, new boolean[] {true});
             OnnxTensor no = OnnxTensor.createTensor(env, new boolean[] {false});
             OrtSession.Result thenResult = s.run(Map.of("x", xt, "cond", yes));
             OrtSession.Result elseResult = s.run(Map.of("x", xt, "cond", no))) {
            float sig2 = (float) (1 / (1 + Math.exp(-2)));
            assertThat((float[]) thenResult.get(0).getValue()).containsExactly(new float[] {0.5f, sig2},
                    org.assertj.core.data.Offset.offset(1e-6f));
            assertThat((float[]) elseResult.get(0).getValue()).containsExactly(new float[] {-0.5f, -sig2},
                    org.assertj.core.data.Offset.offset(1e-6f));
        }
    }

    // ---- typed (non-raw) tensor data ---------------------------------------------------------------

    @Test
    void typedDataInitializersReadCorrectly() {
        OnnxMl.GraphProto.Builder graph = OnnxProtos.reluGraph()
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("f").setDataType(FLOAT).addDims(2).addDims(2)
                        .addFloatData(1.5f).addFloatData(-2f).addFloatData(0f).addFloatData(3.25f))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("l")
                        .setDataType(OnnxMl.TensorProto.DataType.INT64_VALUE).addDims(3)
                        .addInt64Data(Long.MIN_VALUE).addInt64Data(-1).addInt64Data(42))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("i")
                        .setDataType(OnnxMl.TensorProto.DataType.INT32_VALUE).addDims(2)
                        .addInt32Data(Integer.MIN_VALUE).addInt32Data(7))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("q")
                        .setDataType(OnnxMl.TensorProto.DataType.INT8_VALUE).addDims(3)
                        .addInt32Data(-128).addInt32Data(0).addInt32Data(127))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("u")
                        .setDataType(OnnxMl.TensorProto.DataType.UINT8_VALUE).addDims(2)
                        .addInt32Data(255).addInt32Data(1))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("half")
                        .setDataType(OnnxMl.TensorProto.DataType.FLOAT16_VALUE).addDims(2)
                        .addInt32Data(0x3C00).addInt32Data(0xC000)) // 1.0, −2.0 as uint16 bit patterns
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("flag")
                        .setDataType(OnnxMl.TensorProto.DataType.BOOL_VALUE).addDims(2)
                        .addInt32Data(1).addInt32Data(0))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("d")
                        .setDataType(OnnxMl.TensorProto.DataType.DOUBLE_VALUE).addDims(1).addDoubleData(0.125))
                .addInitializer(OnnxMl.TensorProto.newBuilder().setName("scalar").setDataType(FLOAT).addFloatData(9f));
        Graph g = OnnxReader.read(OnnxProtos.model(graph.build(), 13).toByteArray());
        assertThat(g.initializer("f").orElseThrow().toFloats()).containsExactly(1.5f, -2f, 0f, 3.25f);
        assertThat(g.initializer("f").orElseThrow().dims()).containsExactly(2, 2);
        assertThat(g.initializer("l").orElseThrow().toLongs()).containsExactly(Long.MIN_VALUE, -1, 42);
        assertThat(g.initializer("i").orElseThrow().toLongs()).containsExactly(Integer.MIN_VALUE, 7);
        assertThat(g.initializer("q").orElseThrow().toLongs()).containsExactly(-128, 0, 127);
        assertThat(g.initializer("u").orElseThrow().toLongs()).containsExactly(255, 1);
        assertThat(g.initializer("half").orElseThrow().toFloats()).containsExactly(1f, -2f);
        assertThat(g.initializer("flag").orElseThrow().toLongs()).containsExactly(1, 0);
        assertThat(g.initializer("d").orElseThrow().toFloats()).containsExactly(0.125f);
        assertThat(g.initializer("scalar").orElseThrow().rank()).isZero();
        assertThat(g.initializer("scalar").orElseThrow().toFloats()).containsExactly(9f);
        // and they are written back as raw data holding the same values
        OnnxMl.TensorProto written = OnnxWriter.toProto(g).getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("half")).findFirst().orElseThrow();
        assertThat(written.hasRawData()).isTrue();
        assertThat(written.getRawData()).isEqualTo(ByteString.copyFrom(new byte[] {0x00, 0x3C, 0x00, (byte) 0xC0}));
    }

    // ---- ONNX Runtime ----------------------------------------------------------------------------

    private static Graph smallCnn() {
        GraphBuilder b = new GraphBuilder("small_cnn", 13, 11);
        String x = b.input("input", 3, 16, 16);
        x = b.relu(b.batchNorm(b.conv(x, 3, 8, 3, 1, 1, 1, true), 8));
        x = b.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        String y = b.relu(b.batchNorm(b.conv(x, 8, 8, 3, 1, 1, 1, false), 8));
        String dw = b.conv(x, 8, 8, 3, 1, 1, 8, true);
        x = b.add(y, dw);
        x = b.op("GlobalAveragePool", List.of(x));
        x = b.op("Flatten", List.of(x));
        x = b.linear(x, 8, 5);
        b.output(x, 5);
        return b.graph();
    }

    @Test
    void graphBuilderModelRunsInOnnxRuntimeIdenticallyAfterARoundTrip() {
        byte[] written = OnnxWriter.toBytes(smallCnn());
        byte[] rewritten = OnnxWriter.toBytes(OnnxReader.read(written));
        float[] input = new float[2 * 3 * 16 * 16];
        Random r = new Random(5);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        long[] shape = {2, 3, 16, 16};
        BackendOutput a;
        BackendOutput b;
        try (OnnxRuntimeBackend ra = new OnnxRuntimeBackend(written, RuntimeOptions.defaults());
             OnnxRuntimeBackend rb = new OnnxRuntimeBackend(rewritten, RuntimeOptions.defaults())) {
            a = ra.run(input, shape);
            b = rb.run(input, shape);
        }
        assertThat(a.shape()).containsExactly(2, 5);
        assertThat(a.data()).hasSize(10).doesNotContain(Float.NaN);
        assertThat(b.shape()).containsExactly(a.shape());
        for (int i = 0; i < a.data().length; i++) {
            assertThat(Float.floatToRawIntBits(b.data()[i])).as("element %d", i)
                    .isEqualTo(Float.floatToRawIntBits(a.data()[i]));
        }
        // with the node order kept, the rewritten model is the same file
        assertThat(Arrays.equals(rewritten, written)).as("rewritten bytes equal written bytes").isTrue();
    }

    @Test
    void exportedFixtureIsStableUnderRepeatedRoundTrips() throws IOException {
        byte[] original = Files.readAllBytes(TestFiles.fixture("fashion_cnn.onnx"));
        Graph g = OnnxReader.read(original);
        assertThat(g.metadata()).containsKey("compresslab.preprocessing");
        assertThat(g.inputs().get(0).shape().symbol(0)).isNotNull();
        byte[] once = OnnxWriter.toBytes(g);
        byte[] twice = OnnxWriter.toBytes(OnnxReader.read(once));
        assertThat(Arrays.equals(twice, once)).as("second write equals the first").isTrue();
        OnnxMl.ModelProto src = OnnxMl.ModelProto.parseFrom(original);
        OnnxMl.ModelProto out = OnnxMl.ModelProto.parseFrom(once);
        assertThat(out.getGraph().getNodeList()).extracting(OnnxMl.NodeProto::getName)
                .containsExactlyElementsOf(src.getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getName).toList());
    }
}

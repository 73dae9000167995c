package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compresslab.compress.quantize.QuantizeTestSupport.compareOnFashionMnist;
import static org.compresslab.compress.quantize.QuantizeTestSupport.compareOnRandomInput;
import static org.compresslab.compress.quantize.QuantizeTestSupport.context;
import static org.compresslab.compress.quantize.QuantizeTestSupport.optimizedOpTypes;
import static org.compresslab.compress.quantize.QuantizeTestSupport.sampleModel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.quantize.DynamicInt8Report.KeptLayer;
import org.compresslab.compress.quantize.DynamicInt8Report.Layer;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxWriter;
import org.junit.jupiter.api.Test;

class DynamicInt8QuantizerTest {
    private final DynamicInt8Quantizer quantizer = new DynamicInt8Quantizer();

    private TechniqueOutcome quantize(Graph g, Map<String, ?> parameters) {
        return quantizer.apply(g, StepParameters.validate(quantizer.descriptor(), parameters), context());
    }

    @Test
    void quantizesLeNetsThreeGemmsAndOnnxRuntimeFusesThem() throws Exception {
        ModelFile model = sampleModel("lenet5.onnx");
        TechniqueOutcome out = quantize(model.graph(), Map.of());
        Graph q = out.model();
        DynamicInt8Report report = (DynamicInt8Report) out.report();

        assertThat(report.quantized()).extracting(Layer::node).containsExactly("fc1", "fc2", "fc3");
        assertThat(report.quantized()).extracting(Layer::weightScales).containsOnly("per-column");
        assertThat(report.quantized()).extracting(Layer::parameters).containsExactly(48000L, 10080L, 840L);
        assertThat(report.gemms()).isEqualTo(3);
        assertThat(report.matMuls()).isZero();
        assertThat(report.convs()).isZero();
        assertThat(q.nodesOfType("Gemm")).isEmpty();
        assertThat(q.nodesOfType("MatMulInteger")).hasSize(3);
        assertThat(q.nodesOfType("Conv")).hasSize(2);
        assertThat(q.initializers()).doesNotContainKeys("fc1.weight", "fc2.weight", "fc3.weight");
        assertThat(out.warnings()).isEmpty();

        byte[] bytes = OnnxWriter.toBytes(q);
        assertThat(report.bytesAfter()).isEqualTo(bytes.length);
        // the Gemm weights are 59k of LeNet's 62k parameters: the file shrinks to well under half
        assertThat((double) bytes.length).isLessThan(0.35 * model.bytes().length);
        QuantizeTestSupport.Comparison c = compareOnFashionMnist(model.bytes(), bytes,
                model.preprocessing().orElseThrow(), 500);
        assertThat(c.agreement()).isGreaterThanOrEqualTo(0.97);

        List<String> fused = optimizedOpTypes(bytes);
        assertThat(fused).filteredOn("DynamicQuantizeMatMul"::equals).hasSize(3);
        assertThat(fused).doesNotContain("MatMulInteger", "DynamicQuantizeLinear");
    }

    @Test
    void theQuantizedModelStillCountsItsInt8WeightsAsParametersAndNeverUndercountsMacs() {
        ModelFile model = sampleModel("lenet5.onnx");
        Graph q = quantize(model.graph(), Map.of()).model();

        var before = org.compresslab.graph.ModelStatistics.of(model.graph());
        var after = org.compresslab.graph.ModelStatistics.of(q);

        assertThat(after.params()).isEqualTo(before.params());
        // the integer chain's shapes are not inferred: MACs are unknown (−1, shown as missing), never the
        // convolutions' share alone passed off as the total
        assertThat(after.macs()).isIn(before.macs(), -1L);
    }

    @Test
    void quantizesTheVitsWeightMatMulsAndLeavesAttentionInFloat() throws Exception {
        ModelFile model = sampleModel("vit-tiny.onnx");
        TechniqueOutcome out = quantize(model.graph(), Map.of());
        Graph q = out.model();
        DynamicInt8Report report = (DynamicInt8Report) out.report();

        List<String> weightMatMuls = model.graph().nodesOfType("MatMul").stream()
                .filter(n -> model.graph().isInitializer(n.input(1))).map(Node::name).toList();
        assertThat(weightMatMuls).hasSize(8);
        assertThat(report.quantized()).extracting(Layer::node).containsAll(weightMatMuls).contains("head");
        assertThat(report.matMuls()).isEqualTo(8);
        assertThat(report.gemms()).isEqualTo(1);
        assertThat(report.keptFloat()).extracting(KeptLayer::node).containsExactlyInAnyOrder(
                "blocks.0.attn.scores", "blocks.0.attn.context", "blocks.1.attn.scores", "blocks.1.attn.context");
        assertThat(report.keptFloat()).extracting(KeptLayer::reason).allMatch(r -> r.contains("no constant weight"));
        assertThat(q.nodesOfType("MatMul")).extracting(Node::name).containsExactlyInAnyOrder(
                "blocks.0.attn.scores", "blocks.0.attn.context", "blocks.1.attn.scores", "blocks.1.attn.context");

        byte[] bytes = OnnxWriter.toBytes(q);
        assertThat(compareOnFashionMnist(model.bytes(), bytes, model.preprocessing().orElseThrow(), 300).agreement())
                .isGreaterThanOrEqualTo(0.97);
        assertThat(optimizedOpTypes(bytes)).filteredOn("DynamicQuantizeMatMul"::equals).hasSize(9);
    }

    @Test
    void refusesAModelWithoutMatMulOrGemmAndSaysWhy() {
        Graph convOnly = smallConvNet(false);

        assertThatThrownBy(() -> quantize(convOnly, Map.of()))
                .isInstanceOf(CompressionException.class)
                .hasMessageContaining("no MatMul or Gemm with constant weights to quantize")
                .hasMessageContaining("include_conv");
    }

    @Test
    void refusesWhenEveryCandidateIsExcluded() {
        assertThatThrownBy(() -> quantize(sampleModel("lenet5.onnx").graph(), Map.of("exclude", List.of("Gemm"))))
                .isInstanceOf(CompressionException.class)
                .hasMessageContaining("fc1 (Gemm): excluded");
    }

    @Test
    void includeConvQuantizesConvolutionsAndWarnsThatTheyGetSlower() {
        Graph g = smallConvNet(true);
        TechniqueOutcome out = quantize(g, Map.of("include_conv", true));
        Graph q = out.model();

        assertThat(q.nodesOfType("Conv")).isEmpty();
        List<Node> convs = List.copyOf(q.nodesOfType("ConvInteger"));
        assertThat(convs).hasSize(3);
        Node depthwise = convs.get(1);
        assertThat(depthwise.intAttr("group", 1)).isEqualTo(8);
        assertThat(depthwise.intsAttr("pads")).containsExactly(1, 1, 1, 1);
        assertThat(depthwise.intsAttr("strides")).containsExactly(2, 2);
        assertThat(q.initializer(depthwise.input(1)).orElseThrow().type()).isEqualTo(DataType.UINT8);
        assertThat(q.initializer(depthwise.input(3)).orElseThrow().toLongs()).containsExactly(128);
        assertThat(((DynamicInt8Report) out.report()).convs()).isEqualTo(3);
        assertThat(out.warnings()).singleElement().asString().contains("ConvInteger").contains("slower");

        QuantizeTestSupport.Difference d = compareOnRandomInput(g, q, new long[] {2, 1, 12, 12}, 5);
        assertThat(d.relative()).isLessThan(0.05);
    }

    @Test
    void gemmWithAlphaBetaAndUntransposedWeightComputesTheSame() {
        GraphBuilder b = new GraphBuilder("gemm-variants", 17, 11);
        String x = b.input("x", 32);
        String w = b.weight("w", new long[] {32, 24}, 0.2);
        String c = b.weight("c", new long[] {24}, 1.0);
        String y = b.op("Gemm", List.of(x, w, c), Attribute.ofFloat("alpha", 0.5f), Attribute.ofFloat("beta", 2f));
        String z = b.op("Relu", List.of(y));
        String w2 = b.weight("w2", new long[] {10, 24}, 0.2);
        String out = b.op("Gemm", List.of(z, w2), Attribute.ofInt("transB", 1));
        b.output(out, 10);
        Graph q = quantize(b.graph(), Map.of()).model();

        assertThat(q.nodesOfType("MatMulInteger")).hasSize(2);
        QuantizeTestSupport.Difference d = compareOnRandomInput(b.graph(), q, new long[] {4, 32}, 3);
        assertThat(d.relative()).isLessThan(0.03);
    }

    @Test
    void matMulsSharingAnInputStayCorrectWhateverOnnxRuntimeFuses() throws Exception {
        // three projections of one input, as in attention with separate q, k, v weights
        GraphBuilder b = new GraphBuilder("shared-input", 17, 13);
        String x = b.input("x", 6, 16);
        String sum = null;
        for (int i = 0; i < 3; i++) {
            String y = b.op("MatMul", List.of(x, b.weight("w", new long[] {16, 12}, 0.3)));
            sum = sum == null ? y : b.add(sum, b.op("Relu", List.of(y)));
        }
        b.output(sum, 6, 12);
        Graph q = quantize(b.graph(), Map.of()).model();

        assertThat(q.nodesOfType("DynamicQuantizeLinear")).hasSize(3);
        assertThat(compareOnRandomInput(b.graph(), q, new long[] {2, 6, 16}, 9).relative()).isLessThan(0.03);
        assertThat(optimizedOpTypes(OnnxWriter.toBytes(q))).doesNotContain("MatMulInteger");
    }

    @Test
    void excludedNodesStayFloatAndUnknownNamesAreReported() {
        ModelFile model = sampleModel("lenet5.onnx");
        TechniqueOutcome out = quantize(model.graph(), Map.of("exclude", List.of("fc3", "no_such_layer")));
        DynamicInt8Report report = (DynamicInt8Report) out.report();

        assertThat(report.quantized()).extracting(Layer::node).containsExactly("fc1", "fc2");
        assertThat(report.keptFloat()).containsExactly(new KeptLayer("fc3", "Gemm", "excluded"));
        assertThat(out.model().nodesOfType("Gemm")).extracting(Node::name).containsExactly("fc3");
        assertThat(out.warnings()).singleElement().asString().contains("no_such_layer");
    }

    @Test
    void leavesTheGivenGraphAsItWas() {
        ModelFile model = sampleModel("lenet5.onnx");
        quantize(model.graph(), Map.of("include_conv", true));

        assertThat(OnnxWriter.toBytes(model.graph())).isEqualTo(model.bytes());
    }

    @Test
    void reportSerialisesToJson() throws Exception {
        Object report = quantize(sampleModel("lenet5.onnx").graph(), Map.of()).report();

        String json = new ObjectMapper().writeValueAsString(report);
        assertThat(json).contains("\"node\":\"fc1\"").contains("\"weightScales\":\"per-column\"")
                .contains("\"gemms\":3");
    }

    /** Conv (padded) → Relu → depthwise Conv (stride 2) → Relu → 1×1 Conv without bias → global pool. */
    private static Graph smallConvNet(boolean withBias) {
        GraphBuilder b = new GraphBuilder("small-conv", 17, 5);
        String x = b.input("x", 1, 12, 12);
        String w = b.weight("w", new long[] {8, 1, 3, 3}, 0.5);
        List<String> inputs = withBias ? List.of(x, w, b.weight("bias", new long[] {8}, 0.5)) : List.of(x, w);
        x = b.relu(b.op("Conv", inputs, Attribute.ofInts("kernel_shape", 3, 3), Attribute.ofInts("pads", 1, 1, 1, 1)));
        x = b.relu(b.conv(x, 8, 8, 3, 2, 1, 8, withBias));
        x = b.conv(x, 8, 6, 1, 1, 0, 1, false);
        String y = b.op("GlobalAveragePool", List.of(x));
        b.output(y, 6, 1, 1);
        return b.graph();
    }
}

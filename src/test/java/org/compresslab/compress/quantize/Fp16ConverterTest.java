package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.compresslab.compress.quantize.QuantizeTestSupport.compareOnFashionMnist;
import static org.compresslab.compress.quantize.QuantizeTestSupport.compareOnRandomInput;
import static org.compresslab.compress.quantize.QuantizeTestSupport.context;
import static org.compresslab.compress.quantize.QuantizeTestSupport.sampleModel;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Fp16ConverterTest {
    private final Fp16Converter fp16 = new Fp16Converter();

    private TechniqueOutcome convert(ModelFile model, Map<String, ?> parameters) {
        return fp16.apply(model.graph(), StepParameters.validate(fp16.descriptor(), parameters),
                context(model.preprocessing().orElseThrow()));
    }

    @Test
    void describesItselfAsAQuantizationThatTransformsTheModel() {
        assertThat(fp16.descriptor().id()).isEqualTo("quantize.fp16");
        assertThat(fp16.descriptor().family()).isEqualTo(TechniqueFamily.QUANTIZATION);
        assertThat(fp16.descriptor().transformsModel()).isTrue();
        assertThat(fp16.descriptor().expectation()).contains("half the size").contains("no speed-up");
        assertThat(fp16.descriptor().parameter("exclude_op_types")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"lenet5.onnx", "resnet20.onnx"})
    void storesEveryFloatWeightInHalfTheBytesAndKeepsPredictions(String file) {
        ModelFile model = sampleModel(file);
        TechniqueOutcome out = convert(model, Map.of());
        Graph half = out.model();

        assertThat(half.initializers().values()).extracting(Tensor::type).doesNotContain(DataType.FLOAT);
        assertThat(half.initializers().values()).extracting(Tensor::type).contains(DataType.FLOAT16);
        Fp16Report report = (Fp16Report) out.report();
        long floatWeights = model.graph().initializers().values().stream()
                .filter(t -> t.type() == DataType.FLOAT).count();
        assertThat(report.initializersConverted()).isEqualTo((int) floatWeights);
        assertThat(report.bytesBefore()).isEqualTo(model.bytes().length);
        assertThat((double) report.bytesAfter()).isLessThanOrEqualTo(0.55 * report.bytesBefore());
        assertThat(report.keptFloat()).isEmpty();

        byte[] bytes = OnnxWriter.toBytes(half);
        assertThat((double) bytes.length).isLessThanOrEqualTo(0.55 * model.bytes().length);
        QuantizeTestSupport.Comparison c = compareOnFashionMnist(model.bytes(), bytes,
                model.preprocessing().orElseThrow(), 200);
        // float16 keeps ~3 significant digits: logits move by well under 1% of their range
        assertThat(c.maxAbsDiff()).isLessThanOrEqualTo(0.01 * c.maxAbsLogit());
        assertThat(c.agreement()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void graphInputsAndOutputsStayFloat32() {
        ModelFile model = sampleModel("lenet5.onnx");
        Graph half = convert(model, Map.of()).model();

        assertThat(half.inputs()).extracting(ValueInfo::type).containsOnly(DataType.FLOAT);
        assertThat(half.outputs()).extracting(ValueInfo::name).containsExactly("logits");
        assertThat(half.outputs()).extracting(ValueInfo::type).containsOnly(DataType.FLOAT);
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(half), RuntimeOptions.defaults())) {
            assertThat(ort.inputs().get(0).type()).isEqualTo("FLOAT");
            assertThat(ort.outputs().get(0).type()).isEqualTo("FLOAT");
        }
    }

    @Test
    void excludedOpTypesStayFloat32WithCastsAroundThem() {
        ModelFile model = sampleModel("lenet5.onnx");
        TechniqueOutcome out = convert(model, Map.of("exclude_op_types", List.of("Gemm")));
        Graph half = out.model();

        for (Node gemm : half.nodesOfType("Gemm")) {
            assertThat(half.initializer(gemm.input(1)).orElseThrow().type()).isEqualTo(DataType.FLOAT);
            assertThat(half.initializer(gemm.input(2)).orElseThrow().type()).isEqualTo(DataType.FLOAT);
            Node feeding = half.producer(gemm.input(0)).orElseThrow();
            assertThat(feeding.opType()).isEqualTo("Cast");
            assertThat(feeding.intAttr("to", 0)).isEqualTo(DataType.FLOAT.onnxCode());
        }
        assertThat(half.initializer("conv1.weight").orElseThrow().type()).isEqualTo(DataType.FLOAT16);
        assertThat(((Fp16Report) out.report()).keptFloat()).hasSize(3).allMatch(s -> s.contains("excluded"));
        assertThat(out.warnings()).isEmpty();
        assertThat(compareOnFashionMnist(model.bytes(), OnnxWriter.toBytes(half), model.preprocessing().orElseThrow(),
                100).agreement()).isGreaterThanOrEqualTo(0.99);
    }

    @Test
    void warnsWhenAnExcludedOpTypeIsNotInTheModel() {
        TechniqueOutcome out = convert(sampleModel("lenet5.onnx"), Map.of("exclude_op_types", List.of("Resize")));

        assertThat(out.warnings()).singleElement().asString().contains("Resize");
    }

    @Test
    void keepsResizeScalesFloat32AndConvertsConstantsAndCasts() {
        Graph g = constantsAndResize();
        TechniqueOutcome out = fp16.apply(g, StepParameters.defaults(fp16.descriptor()), context());
        Graph half = out.model();

        // Resize's roi (an initializer) and scales (a Constant) are read only where ONNX requires float32
        Node resize = half.nodesOfType("Resize").iterator().next();
        assertThat(half.initializer(resize.input(1)).orElseThrow().type()).isEqualTo(DataType.FLOAT);
        Node scales = half.producer(resize.input(2)).orElseThrow();
        assertThat(scales.opType()).isEqualTo("Constant");
        assertThat(scales.attribute("value").orElseThrow().asTensor().type()).isEqualTo(DataType.FLOAT);
        Node factor = half.node("factor").orElseThrow();
        assertThat(factor.attribute("value_float")).isEmpty();
        assertThat(factor.attribute("value").orElseThrow().asTensor().type()).isEqualTo(DataType.FLOAT16);
        Node fill = half.nodesOfType("ConstantOfShape").iterator().next();
        assertThat(fill.attribute("value").orElseThrow().asTensor().type()).isEqualTo(DataType.FLOAT16);
        assertThat(half.node("shape_as_float").orElseThrow().intAttr("to", 0)).isEqualTo(DataType.FLOAT16.onnxCode());
        assertThat(((Fp16Report) out.report()).keptFloat()).anyMatch(s -> s.contains("Resize"));

        QuantizeTestSupport.Difference d = compareOnRandomInput(g, half, new long[] {2, 3, 8, 8}, 7);
        assertThat(d.relative()).isLessThan(5e-3);
    }

    @Test
    void clampsWeightsBeyondTheFloat16RangeAndWarns() {
        GraphBuilder b = new GraphBuilder("big", 17, 1);
        String x = b.input("x", 2);
        String big = b.constant("big", new long[] {2}, new float[] {1e6f, -3.5f});
        String y = b.op("Mul", List.of(x, big));
        b.output(y, 2);
        TechniqueOutcome out = fp16.apply(b.graph(), StepParameters.defaults(fp16.descriptor()), context());

        assertThat(out.model().initializer(big).orElseThrow().toFloats()).containsExactly(65504f, -3.5f);
        assertThat(((Fp16Report) out.report()).valuesClamped()).isEqualTo(1);
        assertThat(out.warnings()).singleElement().asString().contains("65,504");
    }

    @Test
    void leavesTheGivenGraphAsItWas() {
        ModelFile model = sampleModel("lenet5.onnx");
        convert(model, Map.of("exclude_op_types", List.of("Relu")));

        assertThat(OnnxWriter.toBytes(model.graph())).isEqualTo(model.bytes());
    }

    @Test
    void reportSerialisesToJson() throws Exception {
        Object report = convert(sampleModel("lenet5.onnx"), Map.of()).report();

        String json = new ObjectMapper().writeValueAsString(report);
        assertThat(json).contains("\"initializersConverted\":10").contains("\"bytesAfter\"").contains("\"keptFloat\":[]");
    }

    /**
     * x → Conv → Resize(×2; roi an initializer, scales a Constant) → Mul by a Constant(value_float) → Add a
     * ConstantOfShape fill → Div by the sum of Cast(to float) of a Shape: every kind of value the conversion
     * must retype or keep.
     */
    private static Graph constantsAndResize() {
        GraphBuilder b = new GraphBuilder("constants-and-resize", 17, 3);
        String x = b.input("x", 3, 8, 8);
        String c = b.conv(x, 3, 4, 3, 1, 1, 1, true);
        String roi = b.constant("roi", new long[] {0}, new float[0]);
        String scales = constantNode(b, "scales",
                Attribute.ofTensor("value", Tensor.ofFloats("value", new long[] {4}, new float[] {1, 1, 2, 2})));
        String up = b.op("Resize", List.of(c, roi, scales), Attribute.ofString("mode", "linear"));
        String factor = constantNode(b, "factor", Attribute.ofFloat("value_float", 0.5f));
        String scaled = b.op("Mul", List.of(up, factor));
        String shape = b.op("Shape", List.of(scaled));
        Node fill = b.node("ConstantOfShape", List.of(shape),
                Attribute.ofTensor("value", Tensor.ofFloats("value", new long[] {1}, new float[] {0.25f})));
        String shifted = b.add(scaled, fill.output(0));
        Node shapeAsFloat = b.node("Cast", List.of(shape), Attribute.ofInt("to", DataType.FLOAT.onnxCode()));
        shapeAsFloat.setName("shape_as_float");
        String sum = b.op("ReduceSum", List.of(shapeAsFloat.output(0)), Attribute.ofInt("keepdims", 0));
        String y = b.op("Div", List.of(shifted, sum));
        b.output(y, 4, 16, 16);
        return b.graph();
    }

    private static String constantNode(GraphBuilder b, String name, Attribute value) {
        Node n = b.node("Constant", List.of(), value);
        n.setName(name);
        return n.output(0);
    }
}

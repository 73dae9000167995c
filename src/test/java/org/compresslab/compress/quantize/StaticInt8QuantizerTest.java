package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class StaticInt8QuantizerTest {
    private final StaticInt8Quantizer quantizer = new StaticInt8Quantizer();

    private StepParameters params(Map<String, ?> raw) {
        return StepParameters.validate(quantizer.descriptor(), raw);
    }

    @Test
    void resNet8BecomesFusedIntegerKernelsFourTimesSmallerWithTheSamePredictions() {
        ModelFile m = CompressionFixtures.sample("resnet8");
        Preprocessing prep = m.preprocessing().orElseThrow();
        byte[] before = OnnxWriter.toBytes(m.graph());

        TechniqueOutcome out = quantizer.apply(m.graph(), params(Map.of("samples", 128)), CompressionFixtures.context(m));

        StaticInt8Quantizer.StaticInt8Report r = (StaticInt8Quantizer.StaticInt8Report) out.report();
        int convs = m.graph().nodesOfType("Conv").size();
        assertThat(r.runtimeOps()).containsEntry("QLinearConv", convs);
        assertThat(r.integerKernels()).isGreaterThan(convs);
        assertThat(r.quantizedLayers()).hasSize(convs + 1);
        assertThat(r.foldedBatchNorms()).isEqualTo(m.graph().nodesOfType("BatchNormalization").size());
        byte[] after = OnnxWriter.toBytes(out.model());
        assertThat((double) after.length).isLessThan(before.length / 3.3);
        int[] fp = CompressionFixtures.predictions(m.graph(), prep, 1000);
        int[] q = CompressionFixtures.predictions(out.model(), prep, 1000);
        assertThat(CompressionFixtures.agreement(fp, q)).isGreaterThanOrEqualTo(0.97);
        assertThat(CompressionFixtures.accuracy(q)).isGreaterThan(CompressionFixtures.accuracy(fp) - 0.015);
    }

    @ParameterizedTest
    @ValueSource(strings = {"minmax", "percentile", "entropy", "mse"})
    void everyCalibratorGivesAWorkingLeNet(String calibration) {
        ModelFile m = CompressionFixtures.sample("lenet5");
        Preprocessing prep = m.preprocessing().orElseThrow();

        TechniqueOutcome out = quantizer.apply(m.graph(), params(Map.of("samples", 64, "calibration", calibration)),
                CompressionFixtures.context(m));

        int[] fp = CompressionFixtures.predictions(m.graph(), prep, 500);
        int[] q = CompressionFixtures.predictions(out.model(), prep, 500);
        assertThat(CompressionFixtures.agreement(fp, q)).isGreaterThanOrEqualTo(0.95);
        assertThat(((StaticInt8Quantizer.StaticInt8Report) out.report()).calibration()).isEqualTo(calibration);
    }

    @Test
    void theSourceGraphIsNotModified() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        byte[] before = OnnxWriter.toBytes(m.graph());

        quantizer.apply(m.graph(), params(Map.of("samples", 16)), CompressionFixtures.context(m));

        assertThat(OnnxWriter.toBytes(m.graph())).isEqualTo(before);
    }

    @Test
    void excludedLayersStayFloatAndAreListed() {
        ModelFile m = CompressionFixtures.sample("lenet5");

        TechniqueOutcome out = quantizer.apply(m.graph(),
                params(Map.of("samples", 16, "exclude", List.of("conv1", "Gemm", "nosuchnode"))),
                CompressionFixtures.context(m));

        var r = (StaticInt8Quantizer.StaticInt8Report) out.report();
        assertThat(r.quantizedLayers()).extracting(QuantizedLayer::name).containsExactly("conv2");
        assertThat(r.floatLayers()).containsExactly("conv1", "fc1", "fc2", "fc3");
        assertThat(out.warnings()).anyMatch(w -> w.contains("nosuchnode"));
    }

    @Test
    void calibrationImagesThatDoNotFitTheModelGiveAClearError() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        CompressionContext wrongSize = new CompressionContext(Preprocessing.unnormalized(32, 32, 1),
                CompressionFixtures.trainData(), CompressionFixtures.testData(), RuntimeOptions.defaults(), 1, null,
                null, null);

        assertThatThrownBy(() -> quantizer.apply(m.graph(), params(Map.of("samples", 16)), wrongSize))
                .isInstanceOf(CompressionException.class).hasMessageContaining("calibration data does not fit");
    }

    @Test
    void aModelWithNoQuantizableLayerIsRefusedWithTheReason() {
        GraphBuilder b = new GraphBuilder("no-weights", 17, 1);
        String x = b.input("input", 1, 28, 28);
        x = b.op("GlobalAveragePool", List.of(b.relu(x)));
        b.output(b.op("Flatten", List.of(x)), 1);
        Graph g = b.graph();
        ModelFile m = CompressionFixtures.sample("lenet5");

        assertThatThrownBy(() -> quantizer.apply(g, params(Map.of("samples", 16)), CompressionFixtures.context(m)))
                .isInstanceOf(CompressionException.class).hasMessageContaining("no layer static int8 quantization");
    }

    @Test
    void aModelBelowOpset13IsRefusedWithWhatToDo() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        Graph old = m.graph().copy();
        old.opsets().put("", 11L);

        assertThatThrownBy(() -> quantizer.apply(old, params(Map.of("samples", 16)), CompressionFixtures.context(m)))
                .isInstanceOf(CompressionException.class).hasMessageContaining("opset 13");
    }
}

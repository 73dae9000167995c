package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.junit.jupiter.api.Test;

/** The techniques built on static int8: per-layer sensitivity, mixed precision and QAT, on LeNet-5. */
class SensitivityMixedQatTest {

    @Test
    void sensitivityScoresEveryLayerAloneAndLeavesTheModelAsItWas() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        QuantizationSensitivity t = new QuantizationSensitivity();

        TechniqueOutcome out = t.apply(m.graph(), StepParameters.validate(t.descriptor(),
                Map.of("samples", 64, "images", 300)), CompressionFixtures.context(m));

        assertThat(out.model()).isSameAs(m.graph());
        assertThat(t.descriptor().transformsModel()).isFalse();
        var r = (QuantizationSensitivity.SensitivityReport) out.report();
        assertThat(r.images()).isEqualTo(300);
        assertThat(r.layers()).extracting(LayerSensitivity::layer).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(r.layers()).extracting(LayerSensitivity::weights).containsExactly(150L, 2400L, 48000L, 10080L, 840L);
        for (LayerSensitivity l : r.layers()) {
            assertThat(l.accuracyDrop()).isCloseTo(r.floatAccuracy() - l.accuracy(), org.assertj.core.data.Offset.offset(1e-12));
            assertThat(l.top1Agreement()).isBetween(0.95, 1.0);
            assertThat(l.meanCosine()).isGreaterThan(0.99);
        }
        double floatAccuracy = CompressionFixtures.accuracy(
                CompressionFixtures.predictions(m.graph(), m.preprocessing().orElseThrow(), 300));
        assertThat(r.floatAccuracy()).isCloseTo(floatAccuracy, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void mixedPrecisionWithARoomyBudgetQuantizesEveryLayer() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        MixedPrecisionQuantizer t = new MixedPrecisionQuantizer();

        TechniqueOutcome out = t.apply(m.graph(), StepParameters.validate(t.descriptor(),
                Map.of("samples", 64, "images", 300, "max_drop", 5.0)), CompressionFixtures.context(m));

        var r = (MixedPrecisionQuantizer.MixedReport) out.report();
        assertThat(r.floatLayers()).isEmpty();
        assertThat(r.quantizedLayers()).hasSize(5);
        assertThat(r.trace()).hasSize(1);
        assertThat(r.sensitivity()).isEmpty();
    }

    @Test
    void mixedPrecisionPutsTheMostSensitiveLayersBackInFloatUntilTheBudgetIsMet() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        MixedPrecisionQuantizer t = new MixedPrecisionQuantizer();
        // per-tensor weights and a crude calibrator make full int8 lose accuracy, and a negative budget
        // (better than float) can only be approached by putting layers back: the search must run to the end
        TechniqueOutcome out = t.apply(m.graph(), StepParameters.validate(t.descriptor(),
                Map.of("samples", 8, "images", 300, "max_drop", 0.0, "per_channel", false, "calibration", "minmax")),
                CompressionFixtures.context(m));

        var r = (MixedPrecisionQuantizer.MixedReport) out.report();
        if (r.trace().get(0).accuracyDrop() > 0) {
            assertThat(r.sensitivity()).hasSize(5);
            assertThat(r.trace().size()).isGreaterThan(1);
            // each attempt keeps one more layer in float, most sensitive first
            for (int i = 1; i < r.trace().size(); i++) {
                assertThat(r.trace().get(i).floatLayerCount()).isEqualTo(i);
            }
            var chosen = r.trace().stream().filter(a -> a.floatLayers().size() == r.floatLayers().size()).findFirst();
            assertThat(chosen).isPresent();
            assertThat(r.floatLayers().size() + r.quantizedLayers().size()).isEqualTo(5);
        } else {
            assertThat(r.floatLayers()).isEmpty();
        }
    }

    @Test
    void quantizationAwareTrainingExportsAFusedQdqModelThatKeepsItsAccuracy() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        Preprocessing prep = m.preprocessing().orElseThrow();
        QuantizationAwareTraining t = new QuantizationAwareTraining();

        TechniqueOutcome out = t.apply(m.graph(), StepParameters.validate(t.descriptor(),
                Map.of("samples", 64, "epochs", 1, "limit", 3000, "lr", 0.001)), CompressionFixtures.context(m));

        var r = (QuantizationAwareTraining.QatReport) out.report();
        assertThat(r.history()).hasSize(1);
        assertThat(r.history().get(0).validationAccuracy()).isGreaterThan(0.8);
        assertThat(r.runtimeOps()).containsEntry("QLinearConv", 2);
        assertThat(r.quantizedLayers()).hasSize(5);
        double before = CompressionFixtures.accuracy(CompressionFixtures.predictions(m.graph(), prep, 1000));
        double after = CompressionFixtures.accuracy(CompressionFixtures.predictions(out.model(), prep, 1000));
        assertThat(after).isGreaterThan(before - 0.02);
    }

    @Test
    void anAlreadyQuantizedModelIsRefusedWithWhatToDoInstead() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        StaticInt8Quantizer q = new StaticInt8Quantizer();
        var quantized = q.apply(m.graph(), StepParameters.validate(q.descriptor(), Map.of("samples", 16)),
                CompressionFixtures.context(m)).model();
        QuantizationSensitivity s = new QuantizationSensitivity();

        assertThatThrownBy(() -> s.apply(quantized, StepParameters.defaults(s.descriptor()),
                CompressionFixtures.context(m))).isInstanceOf(CompressionException.class)
                .hasMessageContaining("already quantized");
    }
}

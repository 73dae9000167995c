package org.compresslab.compress.lowrank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.GraphBuilder;
import org.junit.jupiter.api.Test;

class LowRankSensitivityTest {
    private final LowRankSensitivity scan = new LowRankSensitivity();

    @Test
    void everyLayerGetsErrorAndAccuracyAtAQuarterHalfAndThreeQuartersOfItsRankRemoved() {
        ModelFile m = CompressionFixtures.sample("lenet5");

        TechniqueOutcome o = scan.apply(m.graph(), StepParameters.validate(scan.descriptor(), Map.of("images", 200)),
                CompressionFixtures.context(m));

        assertThat(o.model()).isSameAs(m.graph());
        assertThat(scan.descriptor().transformsModel()).isFalse();
        var r = (LowRankSensitivity.LowRankSensitivityReport) o.report();
        assertThat(r.images()).isEqualTo(200);
        assertThat(r.floatAccuracy()).isGreaterThan(0.8);
        assertThat(r.layers()).extracting(LowRankSensitivity.LayerCurve::layer)
                .containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(LowRankSensitivity.layerCount(m.graph())).isEqualTo(5);
        assertThat(r.layers()).extracting(LowRankSensitivity.LayerCurve::method)
                .containsExactly("tucker-2", "tucker-2", "svd", "svd", "svd");
        for (LowRankSensitivity.LayerCurve c : r.layers()) {
            List<LowRankSensitivity.Point> p = c.points();
            assertThat(p).extracting(LowRankSensitivity.Point::rankRemoved).containsExactly(0.25, 0.5, 0.75);
            // less rank, more error, fewer weights
            assertThat(p.get(0).relativeError()).isLessThan(p.get(1).relativeError());
            assertThat(p.get(1).relativeError()).isLessThan(p.get(2).relativeError());
            assertThat(p.get(2).relativeError()).isLessThan(1);
            assertThat(p.get(0).paramsAfter()).isGreaterThan(p.get(2).paramsAfter());
            assertThat(p).allSatisfy(pt -> assertThat(pt.accuracyDrop())
                    .isCloseTo(r.floatAccuracy() - pt.accuracy(), Offset.offset(1e-12)));
        }
        LowRankSensitivity.LayerCurve fc1 = r.layers().get(2);
        assertThat(fc1.points()).extracting(pt -> pt.ranks().get(0)).containsExactly(90, 60, 30);
        // keeping a quarter of fc1's rank costs more accuracy than keeping three quarters
        assertThat(fc1.points().get(2).accuracy()).isLessThanOrEqualTo(fc1.points().get(0).accuracy() + 0.02);
    }

    @Test
    void aModelWithoutFactorizableLayersFailsSayingSo() {
        GraphBuilder b = new GraphBuilder("no-weights", 17, 1);
        String x = b.input("input", 1, 28, 28);
        b.output(b.op("Flatten", List.of(b.op("GlobalAveragePool", List.of(b.relu(x))))), 1);

        assertThatThrownBy(() -> scan.apply(b.graph(), StepParameters.defaults(scan.descriptor()),
                LowRankTestSupport.context(Preprocessing.unnormalized(28, 28, 1))))
                .isInstanceOf(CompressionException.class)
                .hasMessageContaining("no layer can be factorized");
    }
}

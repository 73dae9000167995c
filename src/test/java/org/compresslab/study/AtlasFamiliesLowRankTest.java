package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.lowrank.LowRankSensitivity;
import org.compresslab.compress.lowrank.LowRankSensitivity.LayerCurve;
import org.compresslab.compress.lowrank.LowRankSensitivity.LowRankSensitivityReport;
import org.compresslab.compress.lowrank.LowRankSensitivity.Point;
import org.compresslab.eval.ModelFile;
import org.compresslab.progress.CancellationToken;
import org.junit.jupiter.api.Test;

/** The low-rank sensitivity joins the atlas as a third family with a curve over the rank removed. */
class AtlasFamiliesLowRankTest {

    private static LowRankSensitivityReport report() {
        LayerCurve conv = new LayerCurve("conv", "Conv", "tucker-2", List.of(16L, 16L, 3L, 3L), List.of(16, 16), 2304,
                1_806_336, List.of(new Point(0.25, List.of(12, 12), 0.30, 1680, 1_317_120, 0.90, 0.01, 0.98),
                new Point(0.5, List.of(8, 8), 0.55, 832, 652_288, 0.85, 0.06, 0.92),
                new Point(0.75, List.of(4, 4), 0.80, 272, 213_248, 0.60, 0.31, 0.65)));
        LayerCurve fc = new LayerCurve("fc", "Gemm", "svd", List.of(10L, 64L), List.of(10), 640, 640,
                List.of(new Point(0.25, List.of(8), 0.2, 592, 592, 0.91, 0.0, 1.0),
                        new Point(0.5, List.of(5), 0.4, 370, 370, 0.9, 0.01, 0.99),
                        new Point(0.75, List.of(3), 0.6, 222, 222, 0.88, 0.03, 0.97)));
        return new LowRankSensitivityReport(1000, 0.91, List.of(conv, fc),
                List.of("dw (Conv): depthwise or grouped convolution"));
    }

    @Test
    void eachLayersCurveRunsOverTheRankRemovedAndItsScoreIsTheMeanDrop() {
        FamilyScan scan = AtlasFamilies.lowRank(report(), List.of("a warning"));

        AtlasFamily f = scan.family();
        assertThat(f.id()).isEqualTo(AtlasFamilies.LOW_RANK);
        assertThat(f.family()).isEqualTo(TechniqueFamily.LOW_RANK);
        assertThat(f.technique()).isEqualTo(LowRankSensitivity.ID);
        assertThat(f.curveXs()).containsExactly(0.25, 0.5, 0.75);
        assertThat(f.curveLabel()).isEqualTo("rank removed");
        assertThat(f.images()).isEqualTo(1000);
        assertThat(f.notes()).contains("not scanned: dw (Conv): depthwise or grouped convolution", "a warning");
        LayerMeasurement conv = scan.layers().get("conv");
        assertThat(conv.score()).isCloseTo((0.01 + 0.06 + 0.31) / 3, Offset.offset(1e-12));
        assertThat(conv.curve()).extracting(LayerMeasurement.Point::accuracyDrop).containsExactly(0.01, 0.06, 0.31);
        assertThat(conv.curve().get(1).note()).isEqualTo("Tucker-2 ranks 8×8 of 16×16; 832 of 2,304 weights; "
                + "relative error 0.55");
        assertThat(conv.details()).containsEntry("weights", 2304.0)
                .containsEntry("relative error with 75% of the rank removed", 0.80);
        assertThat(scan.layers().get("fc").curve().get(0).note()).startsWith("SVD rank 8 of 10; 592 of 640 weights;");
    }

    @Test
    void theAtlasScanMeasuresEveryLeNetLayerForLowRankIncludingTheOutputLayerPruningCannotTouch() {
        ModelFile lenet = CompressionFixtures.sample("lenet5");
        LayerAtlasScan scan = new LayerAtlasScan(TechniqueRegistry.standard());

        LayerAtlas atlas = scan.run(AtlasInputs.of(lenet, lenet.preprocessing().orElseThrow(),
                CompressionFixtures.trainData(), CompressionFixtures.testData()), 100, (f, m) -> { },
                CancellationToken.NEVER);

        assertThat(atlas.family(AtlasFamilies.LOW_RANK)).hasValueSatisfying(f -> {
            assertThat(f.curveXs()).containsExactly(0.25, 0.5, 0.75);
            assertThat(f.heatScale()).isGreaterThanOrEqualTo(LayerAtlas.HEAT_FLOOR);
        });
        assertThat(atlas.rows()).allSatisfy(r -> assertThat(r.measurement(AtlasFamilies.LOW_RANK))
                .hasValueSatisfying(m -> {
                    assertThat(m.curve()).hasSize(3);
                    assertThat(m.heat()).isBetween(0.0, 1.0);
                }));
        assertThat(atlas.row("fc3").orElseThrow().measurement(AtlasFamilies.PRUNING)).isEmpty();
        assertThat(atlas.meanCurve(AtlasFamilies.LOW_RANK)).extracting(LayerMeasurement.Point::x)
                .containsExactly(0.25, 0.5, 0.75);
        assertThat(atlas.curveFamilies()).extracting(AtlasFamily::id)
                .containsExactly(AtlasFamilies.PRUNING, AtlasFamilies.LOW_RANK);
    }
}

package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.prune.PruningSensitivity;
import org.compresslab.compress.prune.PruningSensitivity.PruningSensitivityReport;
import org.compresslab.compress.quantize.LayerSensitivity;
import org.compresslab.compress.quantize.QuantizationSensitivity;
import org.compresslab.compress.quantize.QuantizationSensitivity.SensitivityReport;
import org.compresslab.eval.ModelFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The atlas merges the two real per-layer reports of LeNet-5 (scored on 100 test images). */
class LayerAtlasTest {
    private static ModelFile lenet;
    private static SensitivityReport quantization;
    private static PruningSensitivityReport pruning;
    private static LayerAtlas atlas;

    @BeforeAll
    static void measure() {
        lenet = CompressionFixtures.sample("lenet5");
        QuantizationSensitivity q = new QuantizationSensitivity();
        TechniqueOutcome qo = q.apply(lenet.graph(), StepParameters.validate(q.descriptor(),
                Map.of("images", 100, "samples", 64)), CompressionFixtures.context(lenet));
        quantization = (SensitivityReport) qo.report();
        PruningSensitivity p = new PruningSensitivity();
        TechniqueOutcome po = p.apply(lenet.graph(), StepParameters.validate(p.descriptor(), Map.of("images", 100)),
                CompressionFixtures.context(lenet));
        pruning = (PruningSensitivityReport) po.report();
        atlas = LayerAtlas.merge("lenet5", lenet.graph(), List.of(AtlasFamilies.quantization(quantization, List.of()),
                AtlasFamilies.pruning(pruning, List.of())), List.of());
    }

    @Test
    void rowsAreTheLayersInGraphOrderWithEachReportsNumbers() {
        assertThat(atlas.rows()).extracting(AtlasRow::layer).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(atlas.rows()).extracting(AtlasRow::op).containsExactly("Conv", "Conv", "Gemm", "Gemm", "Gemm");
        // weights and biases as the model file holds them
        assertThat(atlas.row("conv1").orElseThrow().params()).isEqualTo(150 + 6);
        for (LayerSensitivity l : quantization.layers()) {
            LayerMeasurement m = atlas.row(l.layer()).orElseThrow().measurement(AtlasFamilies.QUANTIZATION).orElseThrow();
            assertThat(m.score()).isEqualTo(l.accuracyDrop());
            assertThat(m.details()).containsEntry("top-1 agreement with float", l.top1Agreement())
                    .containsEntry("mean cosine with float outputs", l.meanCosine());
            assertThat(m.curve()).isEmpty();
        }
        for (PruningSensitivity.GroupCurve g : pruning.groups()) {
            LayerMeasurement m = atlas.row(g.producers().get(0)).orElseThrow().measurement(AtlasFamilies.PRUNING)
                    .orElseThrow();
            assertThat(m.curve()).extracting(LayerMeasurement.Point::x)
                    .containsExactly(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9);
            assertThat(m.curve()).extracting(LayerMeasurement.Point::accuracyDrop)
                    .containsExactlyElementsOf(g.points().stream().map(PruningSensitivity.Point::accuracyDrop).toList());
            assertThat(m.score()).isCloseTo(g.points().stream().mapToDouble(PruningSensitivity.Point::accuracyDrop)
                    .average().orElseThrow(), within(1e-12));
            assertThat(m.curve().get(0).note()).endsWith("of " + g.channels() + " channels kept");
        }
        AtlasFamily pf = atlas.family(AtlasFamilies.PRUNING).orElseThrow();
        AtlasFamily qf = atlas.family(AtlasFamilies.QUANTIZATION).orElseThrow();
        assertThat(pf.images()).isEqualTo(100);
        assertThat(qf.images()).isEqualTo(100);
        // both analyses judged the same first 100 test images
        assertThat(pf.floatAccuracy()).isCloseTo(qf.floatAccuracy(), within(1e-9));
        assertThat(atlas.curveFamilies()).containsExactly(pf);
    }

    @Test
    void aLayerOnlyOneAnalysisCoveredKeepsTheOtherMissingNotZero() {
        // the last layer writes the graph output: pruning leaves it alone, quantization scores it
        AtlasRow fc3 = atlas.row("fc3").orElseThrow();
        assertThat(fc3.measurement(AtlasFamilies.QUANTIZATION)).isPresent();
        assertThat(fc3.measurement(AtlasFamilies.PRUNING)).isEmpty();
        assertThat(atlas.family(AtlasFamilies.PRUNING).orElseThrow().notes()).anyMatch(n -> n.contains("graph output"));

        // the other way round: a quantization report that did not cover conv1
        SensitivityReport withoutConv1 = new SensitivityReport(quantization.images(), quantization.floatAccuracy(),
                quantization.allQuantizedAccuracy(), quantization.layers().stream()
                .filter(l -> !l.layer().equals("conv1")).toList());
        LayerAtlas partial = LayerAtlas.merge("lenet5", lenet.graph(), List.of(
                AtlasFamilies.quantization(withoutConv1, List.of()), AtlasFamilies.pruning(pruning, List.of())), List.of());
        AtlasRow conv1 = partial.rows().get(0);
        assertThat(conv1.layer()).isEqualTo("conv1");
        assertThat(conv1.measurement(AtlasFamilies.QUANTIZATION)).isEmpty();
        assertThat(conv1.measurement(AtlasFamilies.PRUNING)).isPresent();
    }

    @Test
    void heatRunsFromZeroToOneAcrossTheLayersInTheOrderOfTheirDrops() {
        for (String id : List.of(AtlasFamilies.QUANTIZATION, AtlasFamilies.PRUNING)) {
            List<LayerMeasurement> ms = atlas.rows().stream().flatMap(r -> r.measurement(id).stream()).toList();
            double maxDrop = ms.stream().mapToDouble(LayerMeasurement::score).max().orElseThrow();
            double scale = atlas.family(id).orElseThrow().heatScale();
            assertThat(scale).isEqualTo(Math.max(LayerAtlas.HEAT_FLOOR, maxDrop));
            for (LayerMeasurement m : ms) {
                assertThat(m.heat()).isBetween(0.0, 1.0);
                assertThat(m.heat()).isCloseTo(Math.max(0, m.score()) / scale, within(1e-12));
                m.curve().forEach(p -> assertThat(p.heat()).isBetween(0.0, 1.0));
            }
        }
        // the pruning curves reach large drops at 90% removed: the worst point is full heat
        assertThat(atlas.rows().stream().flatMap(r -> r.measurement(AtlasFamilies.PRUNING).stream())
                .flatMap(m -> m.curve().stream()).mapToDouble(LayerMeasurement.Point::heat).max().orElseThrow())
                .isEqualTo(1.0);
    }

    @Test
    void theMeanCurveAveragesEveryPrunedLayerAtEachRatio() {
        List<LayerMeasurement.Point> mean = atlas.meanCurve(AtlasFamilies.PRUNING);
        List<LayerMeasurement> pruned = atlas.rows().stream()
                .flatMap(r -> r.measurement(AtlasFamilies.PRUNING).stream()).toList();
        assertThat(mean).hasSize(9);
        for (int i = 0; i < 9; i++) {
            int k = i;
            double expected = pruned.stream().mapToDouble(m -> m.curve().get(k).accuracyDrop()).average().orElseThrow();
            assertThat(mean.get(i).accuracyDrop()).isCloseTo(expected, within(1e-12));
            assertThat(mean.get(i).note()).isEqualTo("mean of " + pruned.size() + " layers");
        }
        assertThat(atlas.meanCurve(AtlasFamilies.QUANTIZATION)).isEmpty();
    }

    @Test
    void layersAResidualSumTiesTogetherShareOneCurveAndSaySo() {
        ModelFile resnet = CompressionFixtures.sample("resnet8");
        PruningSensitivity p = new PruningSensitivity();
        var report = (PruningSensitivityReport) p.apply(resnet.graph(), StepParameters.validate(p.descriptor(),
                Map.of("images", 100)), CompressionFixtures.context(resnet)).report();

        LayerAtlas r = LayerAtlas.merge("resnet8", resnet.graph(), List.of(AtlasFamilies.pruning(report, List.of())),
                List.of());

        PruningSensitivity.GroupCurve shared = report.groups().stream().filter(g -> g.producers().size() > 1)
                .findFirst().orElseThrow();
        for (String layer : shared.producers()) {
            LayerMeasurement m = r.row(layer).orElseThrow().measurement(AtlasFamilies.PRUNING).orElseThrow();
            assertThat(m.sharedWith()).containsExactlyInAnyOrderElementsOf(
                    shared.producers().stream().filter(x -> !x.equals(layer)).toList());
            assertThat(m.curve()).extracting(LayerMeasurement.Point::accuracyDrop).containsExactlyElementsOf(
                    shared.points().stream().map(PruningSensitivity.Point::accuracyDrop).toList());
        }
        // rows follow the graph: the first convolution comes first
        assertThat(r.rows().get(0).op()).isEqualTo("Conv");
        assertThat(resnet.graph().nodes().stream().map(n -> n.name()).toList())
                .containsSubsequence(r.rows().stream().map(AtlasRow::layer).toList());
    }
}

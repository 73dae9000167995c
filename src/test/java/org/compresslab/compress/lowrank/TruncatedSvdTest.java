package org.compresslab.compress.lowrank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.junit.jupiter.api.Test;

class TruncatedSvdTest {
    private static final List<FactorizableLayers.Kind> MATRICES = List.of(FactorizableLayers.Kind.MATRICES);
    private final TruncatedSvd svd = new TruncatedSvd();

    private TechniqueOutcome apply(ModelFile m, Map<String, ?> params) {
        return svd.apply(m.graph(), StepParameters.validate(svd.descriptor(), params), CompressionFixtures.context(m));
    }

    @Test
    void atFullRankLeNetsAndTheVitsFactorizedLayersGiveTheOriginalOutputs() {
        for (String name : List.of("lenet5", "vit-tiny")) {
            ModelFile m = CompressionFixtures.sample(name);

            Graph g = LowRankTestSupport.atFullRank(m.graph(), MATRICES);

            assertThat(GraphValidator.problems(g)).isEmpty();
            assertThat(g.nodes().stream().filter(n -> n.name().endsWith(".lowrank2")).count())
                    .isEqualTo(name.equals("lenet5") ? 3 : 9);
            LowRankTestSupport.assertSameOutputs(m.graph(), g, m.preprocessing().orElseThrow(), 1e-4);
        }
    }

    /** Gemm with transB=0, alpha and beta; a MatMul whose weight is on the left. */
    private static Graph unusualOrientations() {
        GraphBuilder b = new GraphBuilder("orientations", 17, 5);
        String x = b.op("Flatten", List.of(b.input("input", 1, 28, 28)));
        String w = b.weight("w", new long[] {784, 32}, 0.05);
        String c = b.weight("c", new long[] {32}, 0.1);
        String h = b.op("Relu", List.of(b.op("Gemm", List.of(x, w, c), Attribute.ofFloat("alpha", 0.5f),
                Attribute.ofFloat("beta", 2f))));
        String t = b.op("Transpose", List.of(h), Attribute.ofInts("perm", 1, 0));
        String left = b.weight("left", new long[] {10, 32}, 0.2);
        String y = b.op("MatMul", List.of(left, t));
        b.output(b.op("Transpose", List.of(y), Attribute.ofInts("perm", 1, 0)), 10);
        return b.graph();
    }

    @Test
    void atFullRankAGemmWithoutTransposeAndAMatMulWithItsWeightOnTheLeftGiveTheOriginalOutputs() {
        Graph original = unusualOrientations();

        Graph g = LowRankTestSupport.atFullRank(original, MATRICES);

        assertThat(g.nodesOfType("Gemm")).hasSize(2).allSatisfy(n -> assertThat(n.intAttr("transB", 0)).isZero());
        assertThat(g.nodesOfType("MatMul")).hasSize(2);
        LowRankTestSupport.assertSameOutputs(original, g, Preprocessing.unnormalized(28, 28, 1), 1e-4);
    }

    @Test
    void beforeOpset11TheFirstGemmGetsTheZeroBiasItsOpsetRequires() {
        GraphBuilder b = new GraphBuilder("opset9", 9, 2);
        String x = b.op("Flatten", List.of(b.input("input", 1, 28, 28)));
        b.output(b.linear(b.relu(b.linear(x, 784, 32)), 32, 10), 10);

        Graph g = LowRankTestSupport.atFullRank(b.graph(), MATRICES);

        assertThat(g.nodesOfType("Gemm")).hasSize(4).allSatisfy(n -> assertThat(n.hasInput(2)).isTrue());
        LowRankTestSupport.assertSameOutputs(b.graph(), g, Preprocessing.unnormalized(28, 28, 1), 1e-4);
    }

    @Test
    void halfRankOnLeNetSavesWhatTheFactorsPromiseAndModelStatisticsAgree() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        ModelStatistics before = ModelStatistics.of(m.graph());

        TechniqueOutcome o = apply(m, Map.of("rank_ratio", 0.5));

        var r = (LowRankReport) o.report();
        assertThat(r.layers()).extracting(FactorizedLayer::layer).containsExactly("fc1", "fc2", "fc3");
        assertThat(r.layers()).extracting(l -> l.ranks().get(0)).containsExactly(60, 42, 5);
        // fc1 120×400 → 60·520, fc2 84×120 → 42·204, fc3 10×84 → 5·94: 18,682 weights and (batch 1) MACs fewer
        long saved = (48_000 - 31_200) + (10_080 - 8_568) + (840 - 470);
        ModelStatistics after = ModelStatistics.of(o.model());
        assertThat(before.params() - after.params()).isEqualTo(saved);
        assertThat(before.macs() - after.macs()).isEqualTo(saved);
        assertThat(r.paramsAfter()).isEqualTo(after.params());
        assertThat(r.macsAfter()).isEqualTo(after.macs());
        assertThat(GraphValidator.problems(o.model())).isEmpty();
        assertThat(o.model().initializer("fc1.weight")).isEmpty();
        assertThat(m.graph().node("fc1")).isPresent(); // the input model is left as it was
        assertThat(r.layers()).allSatisfy(l -> assertThat(l.relativeError()).isBetween(0.01, 0.9));
        // half the rank is not exact: the comparison that passes at full rank fails here
        assertThatThrownBy(() -> LowRankTestSupport.assertSameOutputs(m.graph(),
                o.model(), m.preprocessing().orElseThrow(), 1e-2)).isInstanceOf(AssertionError.class);
    }

    @Test
    void onTheVitTheSquareProjectionsAreNoSavingAtHalfRankAndTheWarningsNameThem() {
        ModelFile m = CompressionFixtures.sample("vit-tiny");
        ModelStatistics before = ModelStatistics.of(m.graph());

        TechniqueOutcome o = apply(m, Map.of());

        var r = (LowRankReport) o.report();
        assertThat(r.leftAlone()).extracting(SkippedLayer::layer)
                .containsExactly("blocks.0.attn.proj", "blocks.1.attn.proj");
        assertThat(o.warnings()).hasSize(2).allSatisfy(w -> assertThat(w).contains("attn.proj left as it is")
                .contains("rank 32 of 64").contains("4,096 weights").contains("no saving"));
        assertThat(r.layers()).hasSize(7);
        ModelStatistics after = ModelStatistics.of(o.model());
        assertThat(before.params() - after.params())
                .isEqualTo(r.layers().stream().mapToLong(l -> l.paramsBefore() - l.paramsAfter()).sum())
                .isEqualTo(2 * (12_288 - 8_192 + 2 * (8_192 - 6_144)) + 640 - 370);
        assertThat(before.macs() - after.macs())
                .isEqualTo(r.layers().stream().mapToLong(l -> l.macsBefore() - l.macsAfter()).sum())
                .isPositive();
    }

    @Test
    void theRankKeptByEnergyIsTheFewestSingularValuesHoldingThatShare() {
        double[] s = {8, 4, 2, 1, 0.5, 0.25, 0.125, 0.0625};
        // squares 64, 16, 4, 1, …: 64/85.33 = 75%, 80/85.33 = 93.8%, 84/85.33 = 98.4%, 85/85.33 = 99.6%
        assertThat(new RankRule(0.5, 0.75).rank(s)).isEqualTo(1);
        assertThat(new RankRule(0.5, 0.9).rank(s)).isEqualTo(2);
        assertThat(new RankRule(0.5, 0.99).rank(s)).isEqualTo(4);
        assertThat(new RankRule(0.5, 1.0).rank(s)).isEqualTo(8);
        assertThat(new RankRule(0.5, 0).rank(s)).isEqualTo(4);
        assertThat(RankRule.ofRatio(0.01).rank(s)).isEqualTo(1);

        GraphBuilder b = new GraphBuilder("known", 17, 1);
        String x = b.op("Flatten", List.of(b.input("input", 1, 28, 28)));
        String first = b.op("Relu", List.of(b.linear(x, 784, 16)));
        b.graph().putInitializer(Tensor.ofFloats("known", new long[] {8, 16},
                LowRankTestSupport.withSingularValues(8, 16, s, 7)));
        Node gemm = b.node("Gemm", List.of(first, "known"), Attribute.ofInt("transB", 1));
        b.output(gemm.output(0), 8);
        ModelFile m = ModelFile.of(Path.of("known.onnx"), b.graph());
        TechniqueOutcome o = svd.apply(m.graph(), StepParameters.validate(svd.descriptor(),
                Map.of("energy", 0.99, "exclude", List.of(b.graph().nodes().get(1).name()))),
                LowRankTestSupport.context(Preprocessing.unnormalized(28, 28, 1)));

        var r = (LowRankReport) o.report();
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.layer()).isEqualTo(gemm.name());
            assertThat(l.ranks()).containsExactly(4);
            assertThat(l.fullRanks()).containsExactly(8);
            // what is cut is the tail 0.5, 0.25, 0.125, 0.0625: √(0.33203125 / 85.33203125)
            assertThat(l.relativeError()).isCloseTo(Math.sqrt(0.33203125 / 85.33203125), Offset.offset(1e-5));
        });
        assertThat(r.leftAlone()).singleElement().satisfies(sk -> assertThat(sk.reason()).isEqualTo("excluded"));
        assertThat(r.rankRule()).contains("99%");
    }

    @Test
    void aModelWithNothingToFactorizeFailsSayingWhyAndAnUnknownExclusionIsWarned() {
        ModelFile lenet = CompressionFixtures.sample("lenet5");

        assertThatThrownBy(() -> apply(lenet, Map.of("exclude", List.of("Gemm"))))
                .isInstanceOf(CompressionException.class)
                .hasMessageStartingWith("no layer could be factorized: fc1 (Gemm): excluded");

        TechniqueOutcome o = apply(lenet, Map.of("exclude", List.of("fc9", "fc3")));
        assertThat(o.warnings()).containsExactly("exclude: no node or op type named 'fc9' in the model (ignored)");
        assertThat(((LowRankReport) o.report()).layers()).extracting(FactorizedLayer::layer).containsExactly("fc1", "fc2");
    }

    @Test
    void theTechniquesAreRegistered() {
        assertThat(TechniqueRegistry.standard().ids()).contains(TruncatedSvd.ID, TuckerDecomposition.ID,
                LowRankSensitivity.ID);
        assertThat(svd.descriptor().parameter("exclude")).isPresent();
        assertThat(svd.descriptor().parameter("epochs").orElseThrow().defaultValue()).isEqualTo(0);
    }
}

package org.compresslab.compress.lowrank;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
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

class TuckerDecompositionTest {
    private static final List<FactorizableLayers.Kind> CONVS = List.of(FactorizableLayers.Kind.CONVOLUTIONS);
    private final TuckerDecomposition tucker = new TuckerDecomposition();

    private TechniqueOutcome apply(Graph g, Preprocessing prep, Map<String, ?> params) {
        return tucker.apply(g, StepParameters.validate(tucker.descriptor(), params), LowRankTestSupport.context(prep));
    }

    /** W[o, c, s] = Σ_a Σ_b A[o, a]·B[c, b]·G[a, b, s]: a 12←8 3×3 kernel of multilinear rank (4, 3). */
    private static float[] kernelOfRank(int cout, int cin, int ro, int ri, int area, long seed) {
        Random r = new Random(seed);
        double[] a = gaussian(r, cout * ro);
        double[] b = gaussian(r, cin * ri);
        double[] g = gaussian(r, ro * ri * area);
        float[] w = new float[cout * cin * area];
        for (int o = 0; o < cout; o++) {
            for (int c = 0; c < cin; c++) {
                for (int s = 0; s < area; s++) {
                    double v = 0;
                    for (int i = 0; i < ro; i++) {
                        for (int j = 0; j < ri; j++) {
                            v += a[o * ro + i] * b[c * ri + j] * g[(i * ri + j) * area + s];
                        }
                    }
                    w[(o * cin + c) * area + s] = (float) (0.1 * v);
                }
            }
        }
        return w;
    }

    private static double[] gaussian(Random r, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextGaussian();
        }
        return out;
    }

    /** input → 3×3 conv 1→8 → Relu → 3×3 conv 8→12, stride 2, of multilinear rank (4, 3), with a bias → pool. */
    private static Graph lowRankNet() {
        GraphBuilder b = new GraphBuilder("low-rank-kernel", 17, 11);
        String x = b.input("input", 1, 28, 28);
        String h = b.relu(b.conv(x, 1, 8, 3, 1, 1, 1, true));
        b.graph().putInitializer(Tensor.ofFloats("k", new long[] {12, 8, 3, 3}, kernelOfRank(12, 8, 4, 3, 9, 3)));
        String bias = b.weight("bias", new long[] {12}, 0.5);
        String y = b.op("Conv", List.of(h, "k", bias), Attribute.ofInts("kernel_shape", 3, 3),
                Attribute.ofInts("strides", 2, 2), Attribute.ofInts("pads", 1, 1, 1, 1));
        b.output(b.op("Flatten", List.of(b.op("GlobalAveragePool", List.of(b.relu(y))))), 12);
        return b.graph();
    }

    @Test
    void aKernelOfMultilinearRankFourByThreeIsReconstructedExactlyByThreeConvolutions() {
        Graph original = lowRankNet();
        Preprocessing prep = Preprocessing.unnormalized(28, 28, 1);
        String layer = original.nodes().get(2).name();

        TechniqueOutcome o = apply(original, prep, Map.of("energy", 1.0));

        var r = (LowRankReport) o.report();
        assertThat(r.layers()).singleElement().satisfies(l -> {
            assertThat(l.layer()).isEqualTo(layer);
            assertThat(l.method()).isEqualTo("tucker-2");
            assertThat(l.fullRanks()).containsExactly(12, 8);
            assertThat(l.ranks()).containsExactly(4, 3);
            assertThat(l.relativeError()).isLessThan(1e-5);
            // 8·3 + 4·3·9 + 12·4 weights instead of 12·8·9
            assertThat(l.paramsAfter()).isEqualTo(24 + 108 + 48);
            assertThat(l.replacedBy()).hasSize(3);
        });
        Node core = o.model().node(r.layers().get(0).replacedBy().get(1)).orElseThrow();
        assertThat(core.intsAttr("strides")).containsExactly(2, 2);
        assertThat(o.model().initializer(core.input(1)).orElseThrow().dims()).containsExactly(4, 3, 3, 3);
        // the first convolution has one input channel: at full rank its factors would hold as many weights
        assertThat(r.leftAlone()).singleElement().satisfies(s -> assertThat(s.reason()).endsWith("no saving"));
        assertThat(o.warnings()).singleElement().asString().startsWith(original.nodes().get(0).name() + " left as it is");
        LowRankTestSupport.assertSameOutputs(original, o.model(), prep, 1e-4);
    }

    @Test
    void atFullRankResNet8sFactorizedConvolutionsGiveTheOriginalOutputs() {
        ModelFile m = CompressionFixtures.sample("resnet8");

        Graph g = LowRankTestSupport.atFullRank(m.graph(), CONVS);

        assertThat(GraphValidator.problems(g)).isEmpty();
        // the stem (16←1, 3×3) has mode ranks 9 and 1: its output projection stays, 16×9
        assertThat(g.node("stem.conv.tucker_out")).isPresent();
        assertThat(g.nodes().stream().filter(n -> n.name().endsWith(".lowrank2")).count()).isEqualTo(2);
        LowRankTestSupport.assertSameOutputs(m.graph(), g, m.preprocessing().orElseThrow(), 1e-4);
    }

    @Test
    void halfRankOnResNet8SavesWhatTheFactorsPromiseAndModelStatisticsAgree() {
        ModelFile m = CompressionFixtures.sample("resnet8");
        ModelStatistics before = ModelStatistics.of(m.graph());

        TechniqueOutcome o = apply(m.graph(), m.preprocessing().orElseThrow(), Map.of("rank_ratio", 0.5));

        var r = (LowRankReport) o.report();
        assertThat(r.layers()).hasSize(9);
        assertThat(r.layers()).filteredOn(l -> l.layer().equals("layer3.0.conv2")).singleElement().satisfies(l -> {
            assertThat(l.ranks()).containsExactly(32, 32);
            // 64·32 + 32·32·9 + 64·32 weights; on the 7×7 output grid
            assertThat(l.paramsAfter()).isEqualTo(2048 + 9216 + 2048);
            assertThat(l.macsAfter()).isEqualTo(49L * (2048 + 9216 + 2048));
        });
        assertThat(r.layers()).filteredOn(l -> l.layer().equals("layer2.0.shortcut.conv")).singleElement()
                .satisfies(l -> assertThat(l.method()).isEqualTo("svd"));
        ModelStatistics after = ModelStatistics.of(o.model());
        assertThat(before.params() - after.params())
                .isEqualTo(r.layers().stream().mapToLong(l -> l.paramsBefore() - l.paramsAfter()).sum());
        assertThat(before.macs() - after.macs())
                .isEqualTo(r.layers().stream().mapToLong(l -> l.macsBefore() - l.macsAfter()).sum());
        assertThat((double) after.macs()).isLessThan(0.45 * before.macs());
        assertThat(GraphValidator.problems(o.model())).isEmpty();
        assertThat(CompressionFixtures.outputs(o.model(), m.preprocessing().orElseThrow(), 4)).hasSize(40);
    }

    @Test
    void atHighRankTheOneByOneShortcutsAreNoSavingAndTheWarningsNameThem() {
        ModelFile m = CompressionFixtures.sample("resnet8");

        TechniqueOutcome o = apply(m.graph(), m.preprocessing().orElseThrow(), Map.of("rank_ratio", 0.9));

        var r = (LowRankReport) o.report();
        // a 32←16 1×1 at rank 14 would need 14·48 = 672 weights for its 512
        assertThat(r.leftAlone()).extracting(SkippedLayer::layer).contains("layer2.0.shortcut.conv",
                "layer3.0.shortcut.conv");
        assertThat(o.warnings()).anySatisfy(w -> assertThat(w).startsWith("layer2.0.shortcut.conv left as it is")
                .contains("rank 14 of 16").contains("672 weights (now 512)"));
    }

    @Test
    void depthwiseConvolutionsAreLeftUntouchedAndNamed() {
        ModelFile m = CompressionFixtures.sample("mobilenetv2-0.5");
        List<Node> depthwise = m.graph().nodesOfType("Conv").stream().filter(n -> n.intAttr("group", 1) > 1).toList();
        assertThat(depthwise).isNotEmpty();

        TechniqueOutcome o = apply(m.graph(), m.preprocessing().orElseThrow(), Map.of());

        for (Node d : depthwise) {
            Node after = o.model().node(d.name()).orElseThrow();
            assertThat(after.inputs()).isEqualTo(d.inputs());
            assertThat(o.model().initializer(d.input(1)).orElseThrow())
                    .isSameAs(m.graph().initializer(d.input(1)).orElseThrow());
        }
        var r = (LowRankReport) o.report();
        assertThat(r.leftAlone()).filteredOn(s -> s.reason().startsWith("depthwise")).hasSize(depthwise.size());
        assertThat(o.warnings()).filteredOn(w -> w.startsWith("left alone, depthwise or grouped convolution"))
                .singleElement().asString().contains(depthwise.get(0).name(), depthwise.get(depthwise.size() - 1).name());
        assertThat(GraphValidator.problems(o.model())).isEmpty();
        assertThat(ModelStatistics.of(o.model()).macs()).isLessThan(ModelStatistics.of(m.graph()).macs());
        assertThat(CompressionFixtures.outputs(o.model(), m.preprocessing().orElseThrow(), 2)).hasSize(20);
    }
}

package org.compresslab.train.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.junit.jupiter.api.Test;

/** The catalogue's initialisations have the spreads their documentation promises. */
class WeightInitTest {

    private static double std(float[] w) {
        double sum = 0;
        double sq = 0;
        for (float v : w) {
            sum += v;
            sq += (double) v * v;
        }
        double mean = sum / w.length;
        return Math.sqrt(sq / w.length - mean * mean);
    }

    private static float maxAbs(float[] w) {
        float m = 0;
        for (float v : w) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    @Test
    void convolutionsAreHeNormalOverTheirFanIn() {
        Graph g = ModelCatalogue.build("resnet56", 3, 32, 32, 10, 5);

        // layer3 convs: fan-in 64·3·3 = 576, std √(2/576) ≈ 0.0589, 36,864 weights each
        float[] w = g.initializer("layer3.4.conv2.weight").orElseThrow().toFloats();
        assertThat(std(w)).isCloseTo(Math.sqrt(2.0 / 576), within(0.02 * Math.sqrt(2.0 / 576)));
        // a depthwise conv's fan-in is its own 3·3 window: std √(2/9) ≈ 0.471
        Graph mobile = ModelCatalogue.build("mobilenetv2-1.0", 3, 32, 32, 10, 5);
        float[] dw = mobile.initializer("blocks.16.dw.conv.weight").orElseThrow().toFloats(); // 960 channels
        assertThat(std(dw)).isCloseTo(Math.sqrt(2.0 / 9), within(0.05 * Math.sqrt(2.0 / 9)));
    }

    @Test
    void fullyConnectedLayersAreUniformWithinOneOverRootFanIn() {
        Graph g = ModelCatalogue.build("lenet5", 1, 28, 28, 10, 5);

        for (String layer : new String[] {"fc1", "fc2", "fc3"}) {
            Node fc = g.node(layer).orElseThrow();
            Tensor weight = g.initializer(fc.input(1)).orElseThrow();
            double bound = 1 / Math.sqrt(weight.dim(1));
            assertThat(fc.intAttr("transB", 0)).isEqualTo(1);
            assertThat(maxAbs(weight.toFloats())).isLessThanOrEqualTo((float) bound);
            assertThat(maxAbs(g.initializer(fc.input(2)).orElseThrow().toFloats())).isLessThanOrEqualTo((float) bound);
        }
        // fc1: 48,000 uniform weights in ±1/√400 have std bound/√3
        float[] w = g.initializer("fc1.weight").orElseThrow().toFloats();
        assertThat(std(w)).isCloseTo(0.05 / Math.sqrt(3), within(0.02 * 0.05 / Math.sqrt(3)));
    }

    @Test
    void convolutionBiasesWithoutBatchNormStartAtZero() {
        Graph g = ModelCatalogue.build("lenet5", 1, 28, 28, 10, 5);

        assertThat(g.initializer("conv1.bias").orElseThrow().toFloats()).containsOnly(0f);
        assertThat(g.initializer("conv2.bias").orElseThrow().toFloats()).containsOnly(0f);
    }

    @Test
    void vitWeightsAreNormalWithStdTwoHundredthsTruncatedAtTwoSigma() {
        Graph g = ModelCatalogue.build("vit-tiny", 3, 32, 32, 10, 5);

        for (String name : new String[] {"blocks.0.attn.qkv.weight", "blocks.1.mlp.fc1.weight", "pos_embed",
                "patch_embed.conv.weight", "head.weight"}) {
            float[] w = g.initializer(name).orElseThrow().toFloats();
            assertThat(maxAbs(w)).as(name).isLessThanOrEqualTo(0.04f);
        }
        // a N(0, 1) truncated to ±2 has std 0.8796, so σ 0.02 gives ≈ 0.0176
        float[] qkv = g.initializer("blocks.0.attn.qkv.weight").orElseThrow().toFloats(); // 12,288 weights
        assertThat(std(qkv)).isCloseTo(0.02 * 0.8796, within(0.0005));
        assertThat(g.initializer("blocks.0.attn.qkv.bias").orElseThrow().toFloats()).containsOnly(0f);
        assertThat(g.initializer("blocks.0.norm1.weight").orElseThrow().toFloats()).containsOnly(1f);
        assertThat(g.initializer("blocks.0.norm1.bias").orElseThrow().toFloats()).containsOnly(0f);
    }
}

package org.compresslab.compress.quantize;

import static org.assertj.core.api.Assertions.assertThat;

import org.compresslab.compress.BatchNormFolding;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.junit.jupiter.api.Test;

class QuantizationPlanTest {

    @Test
    void resNet20PlanQuantizesEveryConvolutionTheClassifierAndTheResidualAdds() {
        Graph g = CompressionFixtures.sample("resnet20").graph().copy();
        BatchNormFolding.foldInPlace(g);

        QuantizationPlan plan = QuantizationPlan.of(g, n -> true);

        assertThat(plan.weightedLayers()).extracting(Node::opType).containsOnly("Conv", "Gemm");
        assertThat(plan.weightedLayers()).hasSize(g.nodesOfType("Conv").size() + 1);
        g.nodesOfType("Add").forEach(a -> assertThat(plan.quantizes(a)).isTrue());
        g.nodesOfType("GlobalAveragePool").forEach(a -> assertThat(plan.quantizes(a)).isTrue());
    }

    @Test
    void aReluAfterAQuantizedConvolutionIsAbsorbedSoOnlyItsOutputIsQuantized() {
        Graph g = CompressionFixtures.sample("resnet20").graph().copy();
        BatchNormFolding.foldInPlace(g);

        QuantizationPlan plan = QuantizationPlan.of(g, n -> true);

        Node stem = g.node("stem.conv").orElseThrow();
        Node relu = g.consumers(stem.output(0)).get(0);
        assertThat(relu.opType()).isEqualTo("Relu");
        assertThat(plan.calibratedTensors()).doesNotContain(stem.output(0)).contains(relu.output(0), stem.input(0));
    }

    @Test
    void theGraphOutputStaysFloat() {
        Graph g = CompressionFixtures.sample("lenet5").graph().copy();

        QuantizationPlan plan = QuantizationPlan.of(g, n -> true);

        assertThat(plan.calibratedTensors()).doesNotContain(g.outputs().get(0).name());
        assertThat(plan.weightedLayers()).extracting(Node::name).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        // MaxPool and Flatten after quantized values run on the integers with the same scale
        assertThat(plan.sharedRanges()).containsKeys(g.node("pool1").orElseThrow().output(0),
                g.node("flatten").orElseThrow().output(0));
    }

    @Test
    void excludedLayersAreNotQuantized() {
        Graph g = CompressionFixtures.sample("lenet5").graph().copy();

        QuantizationPlan plan = QuantizationPlan.of(g, n -> !n.name().equals("conv1"));

        assertThat(plan.weightedLayers()).extracting(Node::name).doesNotContain("conv1").contains("conv2");
    }

    @Test
    void attentionMatMulsOfTwoActivationsAreQuantizedButLayerNormIsNot() {
        Graph g = CompressionFixtures.sample("vit-tiny").graph().copy();

        QuantizationPlan plan = QuantizationPlan.of(g, n -> true);

        Node scores = g.node("blocks.0.attn.scores").orElseThrow();
        assertThat(plan.quantizes(scores)).isTrue();
        g.nodesOfType("LayerNormalization").forEach(n -> assertThat(plan.quantizes(n)).isFalse());
        g.nodesOfType("Softmax").forEach(n -> assertThat(plan.quantizes(n)).isFalse());
    }

    @Test
    void aRelu6ClipAfterAQuantizedConvolutionIsAbsorbedLikeARelu() {
        Graph g = CompressionFixtures.sample("mobilenetv2-0.5").graph().copy();
        BatchNormFolding.foldInPlace(g);

        QuantizationPlan plan = QuantizationPlan.of(g, n -> true);

        Node stem = g.node("stem.conv").orElseThrow();
        Node clip = g.consumers(stem.output(0)).get(0);
        assertThat(clip.opType()).isEqualTo("Clip");
        assertThat(plan.calibratedTensors()).doesNotContain(stem.output(0)).contains(clip.output(0));
    }
}

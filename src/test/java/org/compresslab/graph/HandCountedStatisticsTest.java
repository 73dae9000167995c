package org.compresslab.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Shape inference, parameter and MAC counts of small classic networks checked against counts done by hand. */
class HandCountedStatisticsTest {

    /** LeNet-5: 1×32×32 → Conv 6@5×5 → ReLU → MaxPool 2 → Conv 16@5×5 → ReLU → MaxPool 2 → Flatten → 120 → 84 → 10. */
    static Graph lenet5() {
        GraphBuilder b = new GraphBuilder("lenet5", 13, 42);
        String x = b.input("input", 1, 32, 32);
        x = b.conv(x, 1, 6, 5, 1, 0, 1, true);
        x = b.relu(x);
        x = b.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        x = b.conv(x, 6, 16, 5, 1, 0, 1, true);
        x = b.relu(x);
        x = b.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        x = b.op("Flatten", List.of(x), Attribute.ofInt("axis", 1));
        x = b.linear(x, 400, 120);
        x = b.relu(x);
        x = b.linear(x, 120, 84);
        x = b.relu(x);
        x = b.linear(x, 84, 10);
        b.output(x, 10);
        return b.graph();
    }

    @Test
    void lenet5HasHandCountedParameters() {
        // conv1 6·1·5·5 + 6 = 156; conv2 16·6·5·5 + 16 = 2,416; fc1 400·120 + 120 = 48,120;
        // fc2 120·84 + 84 = 10,164; fc3 84·10 + 10 = 850; total 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706
        ModelStatistics stats = ModelStatistics.of(lenet5());
        assertThat(stats.params()).isEqualTo(61_706);
        assertThat(stats.layers().stream().filter(l -> l.params() > 0).map(LayerStatistics::params))
                .containsExactly(156L, 2_416L, 48_120L, 10_164L, 850L);
    }

    @Test
    void lenet5HasHandCountedMacs() {
        // conv1: out 6×28×28 = 4,704 elements × (1·5·5 = 25) = 117,600
        // conv2: out 16×10×10 = 1,600 elements × (6·5·5 = 150) = 240,000
        // fc1 400·120 = 48,000; fc2 120·84 = 10,080; fc3 84·10 = 840
        // total 117,600 + 240,000 + 48,000 + 10,080 + 840 = 416,520
        ModelStatistics stats = ModelStatistics.of(lenet5());
        assertThat(stats.problems()).isEmpty();
        assertThat(stats.macs()).isEqualTo(416_520);
        assertThat(stats.layers().stream().filter(l -> l.macs() > 0).map(LayerStatistics::macs))
                .containsExactly(117_600L, 240_000L, 48_000L, 10_080L, 840L);
    }

    @Test
    void lenet5ShapesFollowTheClassicDiagram() {
        Graph g = lenet5();
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
        List<long[]> dims = g.nodes().stream().map(n -> shapes.dims(n.output(0))).toList();
        // 32−5+1 = 28; 28/2 = 14; 14−5+1 = 10; 10/2 = 5; 16·5·5 = 400
        assertThat(dims.get(0)).containsExactly(1, 6, 28, 28);
        assertThat(dims.get(2)).containsExactly(1, 6, 14, 14);
        assertThat(dims.get(3)).containsExactly(1, 16, 10, 10);
        assertThat(dims.get(5)).containsExactly(1, 16, 5, 5);
        assertThat(dims.get(6)).containsExactly(1, 400);
        assertThat(shapes.dims(g.outputs().get(0).name())).containsExactly(1, 10);
    }

    @Test
    void lenet5MacsScaleWithTheInferenceBatch() {
        Graph g = lenet5();
        ShapeInferenceResult shapes = ShapeInference.infer(g, 4);
        Node conv1 = g.nodes().get(0);
        // 4 images × 117,600
        assertThat(MacCounter.macs(conv1, shapes)).isEqualTo(470_400);
    }

    /**
     * A ResNet basic block with a stride-2 downsample, 16 → 32 channels on an 8×8 input:
     * main path Conv 3×3 s2 + BN + ReLU + Conv 3×3 + BN; shortcut Conv 1×1 s2 + BN; Add; ReLU.
     */
    static Graph resnetDownsampleBlock() {
        GraphBuilder b = new GraphBuilder("basic_block", 13, 7);
        String x = b.input("input", 16, 8, 8);
        String y = b.conv(x, 16, 32, 3, 2, 1, 1, false);
        y = b.batchNorm(y, 32);
        y = b.relu(y);
        y = b.conv(y, 32, 32, 3, 1, 1, 1, false);
        y = b.batchNorm(y, 32);
        String s = b.conv(x, 16, 32, 1, 2, 0, 1, false);
        s = b.batchNorm(s, 32);
        String out = b.relu(b.add(y, s));
        b.output(out, 32, 4, 4);
        return b.graph();
    }

    @Test
    void resnetDownsampleBlockHasHandCountedParameters() {
        // conv1 32·16·3·3 = 4,608; bn1 4·32 = 128 (γ, β, mean, var); conv2 32·32·3·3 = 9,216; bn2 128;
        // projection 32·16·1·1 = 512; its bn 128; total 4,608 + 128 + 9,216 + 128 + 512 + 128 = 14,720
        ModelStatistics stats = ModelStatistics.of(resnetDownsampleBlock());
        assertThat(stats.params()).isEqualTo(14_720);
    }

    @Test
    void resnetDownsampleBlockHasHandCountedMacs() {
        // conv1 3×3 s2 p1: (8 + 2 − 3)/2 + 1 = 4 → out 32×4×4 = 512 elements × (16·3·3 = 144) = 73,728
        // conv2 3×3 s1 p1: out 32×4×4 = 512 × (32·3·3 = 288) = 147,456
        // projection 1×1 s2: (8 − 1)/2 + 1 = 4 → 512 × 16 = 8,192
        // total 73,728 + 147,456 + 8,192 = 229,376 (BN, ReLU and Add count 0)
        ModelStatistics stats = ModelStatistics.of(resnetDownsampleBlock());
        assertThat(stats.problems()).isEmpty();
        assertThat(stats.macs()).isEqualTo(229_376);
        assertThat(stats.layers().stream().filter(l -> l.op().equals("Conv")).map(LayerStatistics::macs))
                .containsExactly(73_728L, 147_456L, 8_192L);
        assertThat(stats.layers().stream().filter(l -> !l.op().equals("Conv")).map(LayerStatistics::macs))
                .containsOnly(0L);
    }

    @Test
    void resnetDownsampleBlockBranchesMeetAtTheSameShape() {
        Graph g = resnetDownsampleBlock();
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
        Node add = g.nodesOfType("Add").iterator().next();
        assertThat(shapes.dims(add.input(0))).containsExactly(1, 32, 4, 4);
        assertThat(shapes.dims(add.input(1))).containsExactly(1, 32, 4, 4);
        assertThat(shapes.dims(g.outputs().get(0).name())).containsExactly(1, 32, 4, 4);
    }
}

package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.junit.jupiter.api.Test;

/** Which groups the analysis leaves alone, and that it says why and where. */
class ChannelDependenciesTest {

    @Test
    void aReshapeThatMixesChannelsBlocksItsGroupAndNamesTheNode() {
        // a channel shuffle: [N,8,H,W] → [N,2,4,H,W] → swap the two → [N,8,H,W]
        TestNet n = new TestNet("shuffle", 1);
        String x = n.input(3, 8, 8);
        x = n.op("relu", "Relu", n.conv("conv", x, 3, 8, 3, 1));
        x = n.op("split.groups", "Reshape", x, n.longs("to5d", -1, 2, 4, 8, 8));
        x = n.named("swap", "Transpose", List.of(x), Attribute.ofInts("perm", 0, 2, 1, 3, 4));
        x = n.op("merge.groups", "Reshape", x, n.longs("to4d", -1, 8, 8, 8));
        Graph g = n.classifier(n.conv("after", x, 8, 4, 3, 1), 4, 3);

        ChannelDependencies deps = ChannelDependencies.analyse(g);
        ChannelGroup conv = deps.groupOfProducer("conv").orElseThrow();

        assertThat(conv.isPrunable()).isFalse();
        assertThat(conv.blockers()).first().satisfies(b -> {
            assertThat(b.where()).isEqualTo("split.groups");
            assertThat(b.reason()).isEqualTo("Reshape mixes channels");
        });
        assertThat(conv.describe()).contains("left alone because of node 'split.groups' (Reshape mixes channels)");
        assertThat(deps.groupOfProducer("after").orElseThrow().isPrunable()).isTrue();
    }

    @Test
    void aGroupThatReachesTheGraphOutputIsLeftAlone() {
        TestNet n = new TestNet("to-output", 2);
        String x = n.input(3, 8, 8);
        x = n.op("relu1", "Relu", n.conv("conv1", x, 3, 8, 3, 1));
        Graph g = n.output(n.op("relu2", "Relu", n.bn("bn2", n.conv("conv2", x, 8, 6, 3, 1), 6)), 6, 8, 8);

        ChannelDependencies deps = ChannelDependencies.analyse(g);

        assertThat(deps.groupOfProducer("conv2").orElseThrow().blockers()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(Blocker.Kind.GRAPH_OUTPUT);
            assertThat(b.where()).isEqualTo("relu2");
        });
        assertThat(deps.prunableGroups()).extracting(ChannelGroup::producerNames).containsExactly(List.of("conv1"));
    }

    @Test
    void aResidualAddWithTheGraphInputLeavesTheGroupAlone() {
        TestNet n = new TestNet("input-residual", 3);
        String x = n.input(3, 8, 8);
        String y = n.op("add", "Add", n.conv("conv", x, 3, 3, 3, 1), x);
        Graph g = n.classifier(n.conv("after", y, 3, 4, 3, 1), 4, 2);

        ChannelGroup conv = ChannelDependencies.analyse(g).groupOfProducer("conv").orElseThrow();

        assertThat(conv.blockers()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(Blocker.Kind.GRAPH_INPUT);
            assertThat(b.where()).isEqualTo("input");
        });
    }

    @Test
    void anOpTheAnalysisDoesNotKnowBlocksTheChannelsItReadsAndMakes() {
        TestNet n = new TestNet("unknown-op", 4);
        String in = n.input(3, 8, 8);
        String x = n.named("lrn", "LRN", List.of(n.conv("conv", in, 3, 8, 3, 1)), Attribute.ofInt("size", 3));
        String y = n.conv("side", in, 3, 8, 3, 1);
        Graph g = n.classifier(n.op("add", "Add", x, y), 8, 2);

        ChannelDependencies deps = ChannelDependencies.analyse(g);

        assertThat(deps.groupOfProducer("conv").orElseThrow().describe())
                .contains("left alone because of node 'lrn' (op 'LRN' is not understood by the channel analysis)");
        // the LRN's output has channels of its own (of a size shape inference does not know), so the Add
        // that joins them with `side` cannot tie the two and leaves `side` alone too
        assertThat(deps.groupOfProducer("side").orElseThrow().blockers()).extracting(Blocker::where).contains("add");
    }

    @Test
    void groupedConvolutionBlocksTheChannelsOnBothSides() {
        TestNet n = new TestNet("grouped", 5);
        String x = n.input(3, 8, 8);
        x = n.op("relu", "Relu", n.conv("conv", x, 3, 8, 3, 1));
        x = n.op("grouped.relu", "Relu", n.conv("grouped", x, 8, 8, 3, 2));
        Graph g = n.classifier(n.conv("after", x, 8, 4, 3, 1), 4, 2);

        ChannelDependencies deps = ChannelDependencies.analyse(g);

        String reason = "grouped convolution (group=2) ties channels in groups";
        assertThat(deps.groupOfProducer("conv").orElseThrow().blockers()).extracting(Blocker::where, Blocker::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("grouped", reason));
        assertThat(deps.groupOfProducer("grouped").orElseThrow().isPrunable()).isFalse();
        assertThat(deps.groupOfProducer("after").orElseThrow().isPrunable()).isTrue();
    }

    @Test
    void producersWeightsAreReadPerChannelForImportanceScoring() {
        TestNet n = new TestNet("weights", 6);
        String x = n.input(2, 4, 4);
        x = n.op("relu", "Relu", n.bn("bn", n.conv("conv", x, 2, 3, 1, 1), 3));
        Graph g = n.classifier(x, 3, 2);
        ChannelGroup group = ChannelDependencies.analyse(g).groupOfProducer("conv").orElseThrow();

        float[][] rows = group.producerWeights(g).get("conv");
        float[] w = g.initializer("conv.w_0").orElseThrow().toFloats(); // [3, 2, 1, 1]

        assertThat(rows).hasDimensions(3, 2);
        assertThat(rows[2]).containsExactly(w[4], w[5]);
        assertThat(group.batchNormScales()).singleElement().extracting(TensorSlice::node).isEqualTo("bn");
    }

    @Test
    void nodesWithoutNamesAreStillFoundByPosition() {
        TestNet n = new TestNet("unnamed", 7);
        String x = n.input(3, 8, 8);
        x = n.op("relu", "Relu", n.conv("conv", x, 3, 6, 3, 1));
        Graph g = n.classifier(n.conv("conv2", x, 6, 4, 3, 1), 4, 2);
        for (Node node : g.nodes()) {
            node.setName("");
        }
        ChannelGroup first = ChannelDependencies.analyse(g).prunableGroups().get(0);

        assertThat(first.producerNames()).singleElement().asString().startsWith("Conv");
        assertThat(PruningCheck.prunedMinusZeroedReaders(g, first, new int[] {0, 5}, new long[] {1, 3, 8, 8}))
                .isLessThanOrEqualTo(PruningCheck.TOLERANCE);
    }
}

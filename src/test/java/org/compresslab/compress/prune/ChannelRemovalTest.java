package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.compresslab.compress.prune.PruningCheck.TOLERANCE;
import static org.compresslab.compress.prune.PruningCheck.prunedMinusZeroedReaders;

import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.junit.jupiter.api.Test;

/**
 * Each dependency pattern on a small graph: the pruned graph computes exactly what the original computes
 * once the weights reading the removed channels are zero (ONNX Runtime, max abs difference ≤ 1e-5).
 */
class ChannelRemovalTest {
    private static final long[] IMAGES = {2, 3, 8, 8};

    private static ChannelGroup group(Graph g, String producer) {
        return ChannelDependencies.analyse(g).groupOfProducer(producer).orElseThrow();
    }

    /** conv1 → BN → ReLU → conv2 → BN → ReLU → GAP → Flatten → Gemm. */
    private static Graph convBnReluConv() {
        TestNet n = new TestNet("conv-bn-relu-conv", 1);
        String x = n.input(3, 8, 8);
        x = n.op("relu1", "Relu", n.bn("bn1", n.conv("conv1", x, 3, 8, 3, 1), 8));
        x = n.op("relu2", "Relu", n.bn("bn2", n.conv("conv2", x, 8, 6, 3, 1), 6));
        return n.classifier(x, 6, 4);
    }

    @Test
    void convBatchNormReluConvRemovesOutputChannelsWithTheirBatchNormAndTheNextConvsInputs() {
        Graph g = convBnReluConv();
        ChannelGroup first = group(g, "conv1");
        assertThat(first.isPrunable()).isTrue();
        assertThat(first.channels()).isEqualTo(8);
        assertThat(first.followers()).extracting(TensorSlice::node).containsOnly("bn1");
        assertThat(first.consumers()).extracting(TensorSlice::node, TensorSlice::axis).containsExactly(
                org.assertj.core.groups.Tuple.tuple("conv2", 1));

        assertThat(prunedMinusZeroedReaders(g, first, new int[] {0, 2, 3, 5, 7}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);

        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, first, new int[] {0, 2, 3, 5, 7});
        assertThat(pruned.initializer("conv1.w_0").orElseThrow().dims()).containsExactly(5, 3, 3, 3);
        assertThat(pruned.initializer("bn1.gamma_2").orElseThrow().dims()).containsExactly(5);
        assertThat(pruned.initializer("conv2.w_6").orElseThrow().dims()).containsExactly(6, 5, 3, 3);
        assertThat(org.compresslab.graph.ModelStatistics.of(pruned).macs())
                .isLessThan(org.compresslab.graph.ModelStatistics.of(g).macs());
    }

    @Test
    void globalAveragePoolThenFlattenGivesTheGemmOneInputPerChannel() {
        Graph g = convBnReluConv();
        ChannelGroup second = group(g, "conv2");
        assertThat(second.consumers()).singleElement().satisfies(s -> {
            assertThat(s.node()).isEqualTo("fc");
            assertThat(s.axis()).isEqualTo(1); // transB = 1: the weight is [out, in]
            assertThat(s.block()).isEqualTo(1);
        });
        assertThat(prunedMinusZeroedReaders(g, second, new int[] {1, 4}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
    }

    /** stem, two identity residual blocks, then one block with a 1×1 projection shortcut. */
    private static Graph residualChain() {
        TestNet n = new TestNet("residual", 2);
        String x = n.input(3, 8, 8);
        x = n.op("stem.relu", "Relu", n.bn("stem.bn", n.conv("stem", x, 3, 8, 3, 1), 8));
        for (String b : List.of("b1", "b2", "b3")) {
            String y = n.op(b + ".relu1", "Relu", n.bn(b + ".bn1", n.conv(b + ".conv1", x, 8, 8, 3, 1), 8));
            y = n.bn(b + ".bn2", n.conv(b + ".conv2", y, 8, 8, 3, 1), 8);
            String shortcut = b.equals("b3") ? n.bn(b + ".sbn", n.conv(b + ".shortcut", x, 8, 8, 1, 1), 8) : x;
            x = n.op(b + ".relu2", "Relu", n.op(b + ".add", "Add", y, shortcut));
        }
        return n.classifier(x, 8, 4);
    }

    @Test
    void residualAddTiesEveryBranchAndTheShortcutIntoOneGroup() {
        Graph g = residualChain();
        ChannelDependencies deps = ChannelDependencies.analyse(g);
        ChannelGroup chain = deps.groupOfProducer("stem").orElseThrow();
        ChannelGroup projected = deps.groupOfProducer("b3.conv2").orElseThrow();

        assertThat(chain.producerNames()).containsExactly("stem", "b1.conv2", "b2.conv2");
        assertThat(chain.consumers()).extracting(TensorSlice::node)
                .containsExactly("b1.conv1", "b2.conv1", "b3.conv1", "b3.shortcut");
        assertThat(projected.producerNames()).containsExactly("b3.conv2", "b3.shortcut");
        assertThat(deps.prunableGroups()).hasSize(5); // the chain, three conv1s, the projected block

        assertThat(prunedMinusZeroedReaders(g, chain, new int[] {1, 2, 6}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(prunedMinusZeroedReaders(g, List.of(chain, projected),
                List.of(new int[] {0, 3, 4, 5}, new int[] {2, 7}), IMAGES)).isLessThanOrEqualTo(TOLERANCE);
    }

    /** a (4 channels) and b (6 channels) concatenated, then BN → ReLU → conv. */
    private static Graph concatenated() {
        TestNet n = new TestNet("concat", 3);
        String x = n.input(3, 8, 8);
        String a = n.op("a.relu", "Relu", n.bn("a.bn", n.conv("a", x, 3, 4, 3, 1), 4));
        String b = n.op("b.relu", "Relu", n.conv("b", x, 3, 6, 1, 1));
        String c = n.named("cat", "Concat", List.of(a, b), Attribute.ofInt("axis", 1));
        c = n.op("cat.relu", "Relu", n.bn("cat.bn", c, 10));
        return n.classifier(n.conv("after", c, 10, 5, 3, 1), 5, 3);
    }

    @Test
    void concatPutsEachInputsChannelsAtItsOffset() {
        Graph g = concatenated();
        ChannelGroup a = group(g, "a");
        ChannelGroup b = group(g, "b");
        assertThat(a.consumers()).singleElement().extracting(TensorSlice::node, TensorSlice::offset)
                .containsExactly("after", 0);
        assertThat(b.consumers()).singleElement().extracting(TensorSlice::node, TensorSlice::offset)
                .containsExactly("after", 4);
        assertThat(b.followers()).filteredOn(s -> s.node().equals("cat.bn")).extracting(TensorSlice::offset)
                .containsOnly(4);

        assertThat(prunedMinusZeroedReaders(g, a, new int[] {1, 3}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(prunedMinusZeroedReaders(g, b, new int[] {0, 2, 5}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void removingChannelsOfOneConcatInputShiftsTheOffsetsOfTheNext() {
        Graph g = concatenated();
        ChannelDependencies deps = ChannelDependencies.analyse(g);
        // b's group comes from the analysis before a lost two channels: its offset is found again
        List<ChannelGroup> both = List.of(deps.groupOfProducer("a").orElseThrow(), deps.groupOfProducer("b").orElseThrow());
        assertThat(prunedMinusZeroedReaders(g, both, List.of(new int[] {0, 2}, new int[] {1, 3, 4}), IMAGES))
                .isLessThanOrEqualTo(TOLERANCE);

        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, both.get(0), new int[] {0, 2});
        assertThat(group(pruned, "b").consumers()).singleElement().extracting(TensorSlice::offset).isEqualTo(2);
    }

    /** conv → BN → ReLU6 → depthwise conv (group = 8) → BN → ReLU6 → 1×1 conv. */
    private static Graph depthwise() {
        TestNet n = new TestNet("depthwise", 4);
        String x = n.input(3, 8, 8);
        String lo = n.named("lo", "Constant", List.of(), Attribute.ofTensor("value",
                org.compresslab.graph.Tensor.ofFloats("lo", new long[0], new float[] {0f})));
        String hi = n.named("hi", "Constant", List.of(), Attribute.ofTensor("value",
                org.compresslab.graph.Tensor.ofFloats("hi", new long[0], new float[] {6f})));
        x = n.named("expand.relu6", "Clip", List.of(n.bn("expand.bn", n.conv("expand", x, 3, 8, 1, 1), 8), lo, hi));
        x = n.named("dw.relu6", "Clip", List.of(n.bn("dw.bn", n.conv("dw", x, 8, 8, 3, 8), 8), lo, hi));
        x = n.bn("project.bn", n.conv("project", x, 8, 6, 1, 1), 6);
        return n.classifier(x, 6, 3);
    }

    @Test
    void depthwiseConvolutionShrinksWithTheChannelsItFilters() {
        Graph g = depthwise();
        ChannelGroup expand = group(g, "expand");
        assertThat(expand.producerNames()).containsExactly("expand");
        assertThat(expand.followers()).extracting(TensorSlice::node).contains("expand.bn", "dw", "dw.bn");
        assertThat(expand.consumers()).extracting(TensorSlice::node).containsExactly("project");
        assertThat(expand.countEdits()).extracting(CountEdit::node, CountEdit::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("dw", CountEdit.Kind.GROUP_ATTRIBUTE));

        int[] keep = {0, 1, 4, 6, 7};
        assertThat(prunedMinusZeroedReaders(g, expand, keep, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, expand, keep);
        Node dw = pruned.node("dw").orElseThrow();
        assertThat(dw.intAttr("group", 0)).isEqualTo(5);
        assertThat(pruned.initializer(dw.input(1)).orElseThrow().dims()).containsExactly(5, 1, 3, 3);
    }

    /** conv → ReLU → Flatten (4 channels × 5×5) → Gemm 100→12 → ReLU → Gemm 12→3 stored [in, out]. */
    private static Graph flattenIntoGemm() {
        TestNet n = new TestNet("flatten-gemm", 5);
        String x = n.input(3, 5, 5);
        x = n.op("flatten", "Flatten", n.op("relu", "Relu", n.conv("conv", x, 3, 4, 3, 1)));
        x = n.op("fc1.relu", "Relu", n.gemm("fc1", x, 100, 12, true));
        return n.output(n.gemm("fc2", x, 12, 3, false), 3);
    }

    @Test
    void flattenIntoGemmRemovesEachChannelsBlockOfHeightTimesWidthInputs() {
        Graph g = flattenIntoGemm();
        ChannelGroup conv = group(g, "conv");
        assertThat(conv.consumers()).singleElement().satisfies(s -> {
            assertThat(s.node()).isEqualTo("fc1");
            assertThat(s.block()).isEqualTo(25);
        });
        int[] keep = {1, 3};
        assertThat(prunedMinusZeroedReaders(g, conv, keep, new long[] {2, 3, 5, 5})).isLessThanOrEqualTo(TOLERANCE);
        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, conv, keep);
        assertThat(pruned.initializer(pruned.node("fc1").orElseThrow().input(1)).orElseThrow().dims())
                .containsExactly(12, 50);
    }

    @Test
    void gemmUnitsArePrunedWhicheverWayTheWeightIsStored() {
        Graph g = flattenIntoGemm();
        ChannelGroup fc1 = group(g, "fc1");
        assertThat(fc1.producers()).singleElement().satisfies(p -> assertThat(p.weight().axis()).isZero());
        assertThat(fc1.consumers()).singleElement().satisfies(s -> assertThat(s.axis()).isZero()); // fc2 is [in, out]
        assertThat(prunedMinusZeroedReaders(g, fc1, new int[] {0, 5, 6, 11}, new long[] {2, 3, 5, 5}))
                .isLessThanOrEqualTo(TOLERANCE);
        assertThat(group(g, "fc2").blockers()).extracting(Blocker::kind).containsExactly(Blocker.Kind.GRAPH_OUTPUT);
    }

    @Test
    void matMulWithABiasAddIsPrunedLikeAGemm() {
        TestNet n = new TestNet("matmul", 6);
        String x = n.input(3, 8, 8);
        x = n.op("flatten", "Flatten", n.op("pool", "GlobalAveragePool", n.conv("conv", x, 3, 6, 3, 1)));
        String w = n.constant("mm.w", new long[] {6, 10}, 0.5f);
        x = n.op("mm.add", "Add", n.op("mm", "MatMul", x, w), n.constant("mm.b", new long[] {10}, 0.2f));
        Graph g = n.output(n.gemm("fc", n.op("mm.relu", "Relu", x), 10, 3, true), 3);

        ChannelGroup mm = group(g, "mm");
        assertThat(mm.followers()).extracting(TensorSlice::node).containsExactly("mm.add");
        assertThat(prunedMinusZeroedReaders(g, mm, new int[] {2, 3, 4, 8}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
        assertThat(prunedMinusZeroedReaders(g, group(g, "conv"), new int[] {0, 5}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void perChannelConstantsAndElementwiseActivationsAreSlicedWithTheirChannels() {
        TestNet n = new TestNet("per-channel", 7);
        String x = n.input(3, 8, 8);
        x = n.conv("conv", x, 3, 8, 3, 1);
        x = n.op("scale", "Mul", x, n.constantNode("scale.c", new long[] {8, 1, 1}, 1.5f));
        x = n.op("shift", "Add", n.constant("shift.c", new long[] {1, 8, 1, 1}, 0.5f), x);
        x = n.op("div", "Div", x, n.constant("div.c", new long[] {1}, 2f)); // broadcast: untouched
        x = n.op("prelu", "PRelu", x, n.constant("prelu.slope", new long[] {8, 1, 1}, 0.3f));
        x = n.op("hswish", "HardSwish", x);
        x = n.named("leaky", "LeakyRelu", List.of(x), Attribute.ofFloat("alpha", 0.1f));
        x = n.op("sigmoid", "Sigmoid", x);
        x = n.named("maxpool", "MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        x = n.named("avgpool", "AveragePool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2));
        Graph g = n.output(n.conv("after", x, 8, 4, 1, 1), 4, 3, 3);

        ChannelGroup conv = group(g, "conv");
        assertThat(conv.isPrunable()).isTrue();
        assertThat(conv.followers()).extracting(TensorSlice::node, TensorSlice::axis).containsExactly(
                org.assertj.core.groups.Tuple.tuple("scale", 0), org.assertj.core.groups.Tuple.tuple("shift", 1),
                org.assertj.core.groups.Tuple.tuple("prelu", 0));
        assertThat(prunedMinusZeroedReaders(g, conv, new int[] {0, 1, 2, 7}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
    }

    @Test
    void reshapeThatFlattensIsFollowedAndItsTargetShapeShrinks() {
        TestNet n = new TestNet("reshape-flatten", 8);
        String x = n.input(3, 4, 4);
        x = n.op("relu", "Relu", n.conv("conv", x, 3, 5, 3, 1));
        x = n.op("reshape", "Reshape", x, n.longs("target", -1, 80));
        Graph g = n.output(n.gemm("fc", x, 80, 3, true), 3);

        ChannelGroup conv = group(g, "conv");
        assertThat(conv.countEdits()).singleElement().extracting(CountEdit::kind).isEqualTo(CountEdit.Kind.RESHAPE_TARGET);
        assertThat(prunedMinusZeroedReaders(g, conv, new int[] {0, 4}, new long[] {2, 3, 4, 4})).isLessThanOrEqualTo(TOLERANCE);
        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, conv, new int[] {0, 4});
        assertThat(pruned.initializer(pruned.node("reshape").orElseThrow().input(1)).orElseThrow().toLongs())
                .containsExactly(-1, 32);
    }

    @Test
    void aWeightSharedWithAnotherGroupIsCopiedSoTheOtherReaderKeepsIt() {
        TestNet n = new TestNet("shared", 9);
        String x = n.input(3, 8, 8);
        String a = n.conv("a", x, 3, 6, 3, 1);
        Node bNode = new Node("b", "Conv", List.of(x, n.graph().node("a").orElseThrow().input(1)), List.of("b"));
        bNode.setAttribute(Attribute.ofInts("kernel_shape", 3, 3)).setAttribute(Attribute.ofInts("pads", 1, 1, 1, 1));
        n.graph().addNode(bNode);
        String joined = n.named("cat", "Concat", List.of(n.op("a.relu", "Relu", a), n.op("b.relu", "Relu", "b")),
                Attribute.ofInt("axis", 1));
        Graph g = n.classifier(joined, 12, 3);

        ChannelGroup groupA = group(g, "a");
        assertThat(prunedMinusZeroedReaders(g, groupA, new int[] {1, 2}, IMAGES)).isLessThanOrEqualTo(TOLERANCE);
        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, groupA, new int[] {1, 2});
        assertThat(pruned.initializer(pruned.node("b").orElseThrow().input(1)).orElseThrow().dim(0)).isEqualTo(6);
        assertThat(pruned.initializer(pruned.node("a").orElseThrow().input(1)).orElseThrow().dim(0)).isEqualTo(2);
    }

    @Test
    void aGroupThatIsLeftAloneCannotBeRemoved() {
        Graph g = flattenIntoGemm();
        ChannelGroup output = group(g, "fc2");
        assertThatThrownBy(() -> ChannelRemoval.remove(g.copy(), output, new int[] {0}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("graph output 'fc2'");
    }

    @Test
    void keepMustBeSortedDistinctInRangeAndNotEmpty() {
        Graph g = convBnReluConv();
        ChannelGroup first = group(g, "conv1");
        for (int[] bad : List.of(new int[0], new int[] {3, 1}, new int[] {2, 2}, new int[] {8})) {
            assertThatThrownBy(() -> ChannelRemoval.remove(g.copy(), first, bad)).isInstanceOf(IllegalArgumentException.class);
        }
        Graph same = g.copy();
        assertThat(ChannelRemoval.remove(same, first, java.util.stream.IntStream.range(0, 8).toArray())).isZero();
    }

    @Test
    void theCheckNoticesWhenOtherChannelsAreRemovedThanTheZeroedOnes() {
        Graph g = convBnReluConv();
        ChannelGroup first = group(g, "conv1");
        Graph zeroed = g.copy();
        PruningCheck.zeroReaders(zeroed, first, new int[] {0, 1, 2, 3, 4});
        Graph pruned = g.copy();
        ChannelRemoval.remove(pruned, first, new int[] {3, 4, 5, 6, 7});
        float[] x = PruningCheck.randomInput(IMAGES, new java.util.Random(1));

        float[] expected = PruningCheck.run(zeroed, x, IMAGES).data();
        float[] actual = PruningCheck.run(pruned, x, IMAGES).data();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
        }
        assertThat(worst).isGreaterThan(1e-2);
    }
}

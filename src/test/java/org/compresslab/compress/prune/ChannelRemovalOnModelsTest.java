package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.compresslab.TestFiles;
import org.compresslab.graph.Graph;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.train.catalogue.ModelCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real models: the trained ResNet-20 and MobileNetV2-0.5 samples and PyTorch-exported torchvision
 * ResNet-18 and MobileNetV2. Halving every prunable group must leave a smaller model that ONNX Runtime
 * runs with the same output shape.
 */
class ChannelRemovalOnModelsTest {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRemovalOnModelsTest.class);

    private static Graph resnet20() {
        return OnnxReader.read(TestFiles.projectRoot().resolve("sample-models/resnet20.onnx"));
    }

    static Stream<Arguments> models() {
        Path mobileNetSample = TestFiles.projectRoot().resolve("sample-models/mobilenetv2-0.5.onnx");
        Graph mobileNet = Files.exists(mobileNetSample) ? OnnxReader.read(mobileNetSample)
                : ModelCatalogue.build("mobilenetv2-0.5", 1, 28, 28, 10, 1);
        return Stream.of(
                Arguments.of("resnet20", resnet20(), new long[] {1, 1, 28, 28}),
                Arguments.of("mobilenetv2-0.5", mobileNet, new long[] {1, 1, 28, 28}),
                Arguments.of("torchvision resnet18", OnnxReader.read(TestFiles.fixture("resnet18.onnx")), new long[] {1, 3, 64, 64}),
                Arguments.of("torchvision mobilenetv2", OnnxReader.read(TestFiles.fixture("mobilenetv2.onnx")), new long[] {1, 3, 64, 64}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("models")
    void halvingEveryPrunableGroupGivesASmallerModelWithTheSameOutputShape(String name, Graph model, long[] inputShape) {
        ChannelDependencies deps = ChannelDependencies.analyse(model);
        LOG.info("{}: {}", name, deps.summary());
        assertThat(deps.prunableGroups()).isNotEmpty();

        Graph pruned = model.copy();
        for (ChannelGroup group : deps.prunableGroups()) {
            ChannelRemoval.remove(pruned, group, PruningCheck.firstHalf(group.channels()));
        }

        PruningCheck.assertValid(model, pruned);
        ModelStatistics before = ModelStatistics.of(model);
        ModelStatistics after = ModelStatistics.of(pruned);
        LOG.info("{}: params {} → {}, MACs {} → {}", name, before.params(), after.params(), before.macs(), after.macs());
        assertThat(after.params()).isLessThan(before.params());
        assertThat(after.macs()).isPositive().isLessThan(before.macs());
        float[] x = PruningCheck.randomInput(inputShape, new Random(1));
        BackendOutput original = PruningCheck.run(model, x, inputShape);
        BackendOutput result = PruningCheck.run(pruned, x, inputShape);
        assertThat(result.shape()).isEqualTo(original.shape());
        assertThat(result.data()).doesNotContain(Float.NaN);
        assertThat(ChannelDependencies.analyse(pruned).prunableGroups()).extracting(ChannelGroup::channels)
                .containsExactlyElementsOf(deps.prunableGroups().stream().map(g -> Math.max(1, g.channels() / 2)).toList());
    }

    @Test
    void resnet20HasOneGroupPerResidualStageAndPerInnerConvolutionAndLeavesTheClassifierAlone() {
        ChannelDependencies deps = ChannelDependencies.analyse(resnet20());

        assertThat(deps.groups()).hasSize(13);
        assertThat(deps.prunableGroups()).hasSize(12);
        assertThat(deps.groupOfProducer("stem.conv").orElseThrow().producerNames())
                .containsExactly("stem.conv", "layer1.0.conv2", "layer1.1.conv2", "layer1.2.conv2");
        assertThat(deps.groupOfProducer("layer3.0.conv2").orElseThrow().producerNames())
                .containsExactly("layer3.0.conv2", "layer3.0.shortcut.conv", "layer3.1.conv2", "layer3.2.conv2");
        assertThat(deps.blockedGroups()).singleElement().satisfies(g -> {
            assertThat(g.producerNames()).containsExactly("fc");
            assertThat(g.blockers()).extracting(Blocker::kind).containsExactly(Blocker.Kind.GRAPH_OUTPUT);
        });
    }

    static Stream<Arguments> modelsWithResidualAndDepthwiseGroups() {
        return Stream.of(
                Arguments.of("resnet20", resnet20(), new long[] {2, 1, 28, 28}),
                Arguments.of("torchvision mobilenetv2", OnnxReader.read(TestFiles.fixture("mobilenetv2.onnx")), new long[] {1, 3, 64, 64}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelsWithResidualAndDepthwiseGroups")
    void everyGroupPrunedAtRandomComputesWhatTheModelComputesWithItsReadersZeroed(String name, Graph g, long[] inputShape) {
        List<ChannelGroup> groups = ChannelDependencies.analyse(g).prunableGroups();
        Random r = new Random(3);
        List<int[]> keeps = groups.stream()
                .map(c -> r.ints(0, c.channels()).distinct().limit(Math.max(1, c.channels() / 2)).sorted().toArray())
                .toList();

        assertThat(PruningCheck.prunedMinusZeroedReaders(g, groups, keeps, inputShape)).isLessThanOrEqualTo(1e-5);
    }
}

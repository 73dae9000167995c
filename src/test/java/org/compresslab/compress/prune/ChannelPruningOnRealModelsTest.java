package org.compresslab.compress.prune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.compresslab.TestFiles;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.GraphValidator;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.Test;

/** prune.channels on the depthwise + residual sample and on a PyTorch-exported torchvision ResNet-18. */
class ChannelPruningOnRealModelsTest {
    private final ChannelPruner pruner = new ChannelPruner();

    private static long[] runShape(org.compresslab.graph.Graph g, Preprocessing prep) {
        float[] input = new float[prep.elementsPerImage() * 2];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) r.nextGaussian();
        }
        try (OnnxRuntimeBackend b = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults())) {
            BackendOutput o = b.run(input, prep.shape(2));
            return o.shape();
        }
    }

    @Test
    void mobileNetV2SamplePrunesRunsAndKeepsItsOutputShape() {
        ModelFile m = CompressionFixtures.sample("mobilenetv2-0.5");
        Preprocessing prep = m.preprocessing().orElseThrow();

        TechniqueOutcome o = pruner.apply(m.graph(), StepParameters.validate(pruner.descriptor(), Map.of("ratio", 0.5)),
                CompressionFixtures.context(m));

        var r = (ChannelPruner.ChannelReport) o.report();
        assertThat(GraphValidator.problems(o.model())).isEmpty();
        assertThat(runShape(o.model(), prep)).containsExactly(runShape(m.graph(), prep));
        assertThat((double) r.macsAfter()).isLessThan(0.5 * r.macsBefore());
        assertThat(r.groups().size()).isGreaterThan(15);
    }

    @Test
    void pyTorchExportedResNet18PrunesRunsAndKeepsItsOutputShape() {
        ModelFile m = ModelFile.load(TestFiles.fixture("resnet18.onnx"));
        Preprocessing prep = Preprocessing.unnormalized(64, 64, 3);
        CompressionContext ctx = new CompressionContext(prep, CompressionFixtures.trainData(),
                CompressionFixtures.testData(), RuntimeOptions.defaults(), 1, null, null, null);

        TechniqueOutcome o = pruner.apply(m.graph(), StepParameters.validate(pruner.descriptor(),
                Map.of("ratio", 0.5, "round_to", 8)), ctx);

        var r = (ChannelPruner.ChannelReport) o.report();
        assertThat(GraphValidator.problems(o.model())).isEmpty();
        assertThat(runShape(o.model(), prep)).containsExactly(runShape(m.graph(), prep)).containsExactly(2, 10);
        assertThat((double) r.paramsAfter()).isLessThan(0.5 * r.paramsBefore());
        assertThat(r.groups()).allSatisfy(gc -> assertThat(gc.channelsAfter() % 8).isZero());
    }
}

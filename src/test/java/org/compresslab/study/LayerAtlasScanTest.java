package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.data.Preprocessing;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.GraphBuilder;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.CancelledException;
import org.junit.jupiter.api.Test;

class LayerAtlasScanTest {
    private final LayerAtlasScan scan = new LayerAtlasScan(TechniqueRegistry.standard());

    private static AtlasInputs inputs(ModelFile m) {
        return AtlasInputs.of(m, m.preprocessing().orElseThrow(), CompressionFixtures.trainData(),
                CompressionFixtures.testData());
    }

    @Test
    void probeImageLimitsAreTheAnalysesOwn() {
        assertThat(scan.defaultProbeImages()).isEqualTo(1000);
        assertThat(scan.minProbeImages()).isEqualTo(100);
        assertThat(scan.maxProbeImages()).isEqualTo(10_000);
    }

    @Test
    void scanRunsBothAnalysesOnTheBaselineWithProgressAcrossBoth() {
        ModelFile lenet = CompressionFixtures.sample("lenet5");
        List<double[]> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();

        LayerAtlas atlas = scan.run(inputs(lenet), 100, (f, m) -> {
            fractions.add(new double[] {f});
            messages.add(m);
        }, CancellationToken.NEVER);

        assertThat(atlas.model()).isEqualTo("lenet5.onnx");
        assertThat(atlas.families()).extracting(AtlasFamily::id)
                .containsExactly(AtlasFamilies.QUANTIZATION, AtlasFamilies.PRUNING, AtlasFamilies.LOW_RANK);
        assertThat(atlas.families()).allMatch(f -> f.images() == 100);
        assertThat(atlas.rows()).extracting(AtlasRow::layer).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(atlas.warnings()).isEmpty();
        List<Double> known = fractions.stream().map(f -> f[0]).filter(f -> f >= 0).toList();
        for (int i = 1; i < known.size(); i++) {
            assertThat(known.get(i)).isGreaterThanOrEqualTo(known.get(i - 1) - 1e-9);
        }
        assertThat(known.get(known.size() - 1)).isEqualTo(1.0);
        assertThat(messages).anyMatch(m -> m.startsWith("Quantization sensitivity per layer: "))
                .anyMatch(m -> m.startsWith("Pruning sensitivity per layer: "))
                .anyMatch(m -> m.startsWith("Low-rank sensitivity per layer: "));
    }

    @Test
    void anAnalysisThatCannotApplyLeavesItsFamilyOutAndSaysWhy() {
        // one Gemm writing the graph output: nothing can be channel-pruned, but it can be quantized
        GraphBuilder b = new GraphBuilder("one-layer", 17, 3);
        String x = b.input("input", 1, 28, 28);
        b.output(b.linear(b.op("Flatten", List.of(x)), 784, 10), 10);
        ModelFile m = ModelFile.of(Path.of("one-layer.onnx"), b.graph());

        LayerAtlas atlas = scan.run(AtlasInputs.of(m, Preprocessing.unnormalized(28, 28, 1),
                CompressionFixtures.trainData(), CompressionFixtures.testData()), 100, (f, s) -> { },
                CancellationToken.NEVER);

        assertThat(atlas.families()).extracting(AtlasFamily::id)
                .containsExactly(AtlasFamilies.QUANTIZATION, AtlasFamilies.LOW_RANK);
        assertThat(atlas.rows()).hasSize(1);
        assertThat(atlas.rows().get(0).measurement(AtlasFamilies.PRUNING)).isEmpty();
        assertThat(atlas.warnings()).singleElement().asString()
                .startsWith("Pruning sensitivity per layer could not run on this model: no channel group can be pruned");
    }

    @Test
    void aModelNeitherAnalysisAppliesToFailsWithBothReasons() {
        GraphBuilder b = new GraphBuilder("no-weights", 17, 1);
        String x = b.input("input", 1, 28, 28);
        b.output(b.op("Flatten", List.of(b.op("GlobalAveragePool", List.of(b.relu(x))))), 1);
        ModelFile m = ModelFile.of(Path.of("no-weights.onnx"), b.graph());

        assertThatThrownBy(() -> scan.run(AtlasInputs.of(m, Preprocessing.unnormalized(28, 28, 1),
                CompressionFixtures.trainData(), CompressionFixtures.testData()), 100, (f, s) -> { },
                CancellationToken.NEVER))
                .isInstanceOf(CompressionException.class)
                .hasMessageContaining("Quantization sensitivity per layer could not run")
                .hasMessageContaining("Pruning sensitivity per layer could not run")
                .hasMessageContaining("Low-rank sensitivity per layer could not run");
    }

    @Test
    void cancellingStopsTheScan() {
        ModelFile lenet = CompressionFixtures.sample("lenet5");
        CancellationToken token = new CancellationToken();

        assertThatThrownBy(() -> scan.run(inputs(lenet), 100, (f, m) -> {
            if (f > 0.3) {
                token.cancel();
            }
        }, token)).isInstanceOf(CancelledException.class);
    }

    @Test
    void aProjectWithoutATrainingSplitCalibratesOnItsEvaluationImagesAndSaysSo() {
        ModelFile lenet = CompressionFixtures.sample("lenet5");
        AtlasInputs in = AtlasInputs.forProject(lenet, new DatasetChoice("fashion-mnist", "test", null), "test");

        assertThat(in.preprocessing()).isEqualTo(lenet.preprocessing().orElseThrow());
        AtlasInputs.Data data = in.data().get();
        assertThat(data.training()).isSameAs(data.evaluation());
        assertThat(data.notes()).singleElement().asString().contains("the same images that score the layers");

        AtlasInputs separate = AtlasInputs.forProject(lenet, new DatasetChoice("fashion-mnist", "test", null), "train");
        assertThat(separate.data().get().training().size()).isEqualTo(60_000);
        assertThat(separate.data().get().notes()).isEmpty();
    }
}

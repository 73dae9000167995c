package org.compresslab.train.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every catalogue graph, written as ONNX, reads back unchanged and runs in ONNX Runtime. */
class CatalogueOnnxTest {

    @ParameterizedTest(name = "{0} at {1}×{2}×{3}")
    @MethodSource("org.compresslab.train.catalogue.CatalogueCases#everyArchitectureAndShape")
    void runsInOnnxRuntimeAtBatchOneAndThreeWithFiniteLogits(String id, int c, int h, int w) {
        byte[] model = OnnxWriter.toBytes(ModelCatalogue.build(id, c, h, w, CatalogueCases.CLASSES, 3));
        int image = c * h * w;
        float[] three = randomImages(3 * image, 11);

        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(model, RuntimeOptions.defaults())) {
            BackendOutput single = ort.run(Arrays.copyOf(three, image), new long[] {1, c, h, w});
            BackendOutput batch = ort.run(three, new long[] {3, c, h, w});

            assertThat(single.shape()).containsExactly(1, CatalogueCases.CLASSES);
            assertThat(batch.shape()).containsExactly(3, CatalogueCases.CLASSES);
            for (float v : batch.data()) {
                assertThat(Float.isFinite(v)).as("%s logit %s is finite", id, v).isTrue();
            }
            // the images of a batch do not mix: the first row is the single image's logits
            for (int k = 0; k < CatalogueCases.CLASSES; k++) {
                assertThat(batch.data()[k]).isCloseTo(single.data()[k], within(1e-4f + 1e-4f * Math.abs(single.data()[k])));
            }
            // and different images give different logits (nothing collapsed to a constant)
            assertThat(Arrays.copyOfRange(batch.data(), CatalogueCases.CLASSES, 2 * CatalogueCases.CLASSES))
                    .isNotEqualTo(Arrays.copyOf(batch.data(), CatalogueCases.CLASSES));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.compresslab.train.catalogue.CatalogueCases#everyArchitectureAndShape")
    void survivesAnOnnxRoundTripWithItsNamesAndWeights(String id, int c, int h, int w) {
        Graph built = ModelCatalogue.build(id, c, h, w, CatalogueCases.CLASSES, 3);
        byte[] written = OnnxWriter.toBytes(built);

        Graph read = OnnxReader.read(written);

        assertThat(OnnxWriter.toBytes(read)).isEqualTo(written);
        assertThat(read.nodes()).extracting(Node::name).containsExactlyElementsOf(
                built.nodes().stream().map(Node::name).toList());
        assertThat(read.initializers().keySet()).containsExactlyElementsOf(built.initializers().keySet());
        assertThat(read.inputs().get(0).shape().symbol(0)).isEqualTo("batch");
    }

    /** Normalised-pixel-like values: N(0, 1). */
    private static float[] randomImages(int count, long seed) {
        Random r = new Random(seed);
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }
}

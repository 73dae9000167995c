package org.compresslab.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Random;
import org.compresslab.TestFiles;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxReader;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** GraphBlock runs exported graphs like ONNX Runtime does, trains BatchNorm statistics, and writes weights back. */
class GraphBlockTest {

    static float[] randomInput(long[] shape, long seed) {
        int n = 1;
        for (long d : shape) {
            n *= (int) d;
        }
        float[] x = new float[n];
        Random r = new Random(seed);
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    static float[] djlForward(GraphBlock block, NDManager manager, float[] input, long[] shape, boolean training) {
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.create(input, new Shape(shape));
            NDList out = block.forward(new ParameterStore(batch, false), new NDList(x), training);
            return out.singletonOrThrow().toFloatArray();
        }
    }

    static float[] ortForward(Graph g, float[] input, long[] shape) {
        try (OnnxRuntimeBackend b = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults())) {
            return b.run(input, shape).data();
        }
    }

    static float maxAbsDiff(float[] a, float[] b) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @ParameterizedTest
    @CsvSource({"fashion_cnn.onnx,1,28,28", "resnet18.onnx,3,64,64", "mobilenetv2.onnx,3,64,64"})
    void evalModeMatchesOnnxRuntimeOnPyTorchExports(String file, int c, int h, int w) {
        Graph g = OnnxReader.read(TestFiles.fixture(file));
        long[] shape = {2, c, h, w};
        float[] input = randomInput(shape, 7);
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(g);
            block.initialize(manager, DataType.FLOAT32, new Shape(shape));
            float[] djl = djlForward(block, manager, input, shape, false);
            float[] ort = ortForward(g, input, shape);
            assertThat(djl).hasSameSizeAs(ort);
            assertThat(maxAbsDiff(djl, ort)).isLessThanOrEqualTo(1e-4f);
        }
    }

    @Test
    void trainingModeUpdatesBatchNormStatisticsAndWriteBackMatchesOnnxRuntime() {
        Graph g = OnnxReader.read(TestFiles.fixture("mobilenetv2.onnx"));
        long[] shape = {4, 3, 64, 64};
        try (NDManager manager = NDManager.newBaseManager()) {
            GraphBlock block = new GraphBlock(g);
            block.initialize(manager, DataType.FLOAT32, new Shape(shape));
            String mean = g.nodesOfType("BatchNormalization").iterator().next().input(3);
            float[] before = g.initializer(mean).orElseThrow().toFloats();
            djlForward(block, manager, randomInput(shape, 1), shape, true);
            Graph trained = g.copy();
            block.writeBack(trained);
            float[] after = trained.initializer(mean).orElseThrow().toFloats();
            assertThat(after).isNotEqualTo(before);

            float[] input = randomInput(shape, 2);
            float[] djl = djlForward(block, manager, input, shape, false);
            float[] ort = ortForward(trained, input, shape);
            assertThat(maxAbsDiff(djl, ort)).isLessThanOrEqualTo(1e-4f);
        }
    }

    @Test
    void trainableWeightsAreConvGemmAndNormParametersNotRunningStatistics() {
        Graph g = OnnxReader.read(TestFiles.fixture("resnet18.onnx"));
        GraphBlock block = new GraphBlock(g);
        Node bn = g.nodesOfType("BatchNormalization").iterator().next();
        Node conv = g.nodesOfType("Conv").iterator().next();
        assertThat(block.trainableNames()).contains(conv.input(1), bn.input(1), bn.input(2))
                .doesNotContain(bn.input(3), bn.input(4));
    }

    @Test
    void anOpTheRuntimeCannotTrainIsNamed() {
        Graph g = OnnxReader.read(TestFiles.fixture("fashion_cnn.onnx"));
        Node relu = g.nodesOfType("Relu").iterator().next();
        g.replaceNode(relu, List.of(new Node("weird", "Einsum", relu.inputs(), relu.outputs())));
        assertThatThrownBy(() -> new GraphBlock(g)).isInstanceOf(UntrainableModelException.class)
                .hasMessageContaining("Einsum").hasMessageContaining("weird");
    }
}

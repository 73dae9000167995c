package org.compresslab.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signatures that call library functions, as Keras and tf.function save models, are imported with the calls inlined. */
class FunctionCallImportTest {
    private static final long[] BATCH = {3, 1, TensorFlowSavedModels.SIZE, TensorFlowSavedModels.SIZE};

    @TempDir
    Path dir;

    private static double worstDifference(Path model, Graph imported) {
        double worst = 0;
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(imported), RuntimeOptions.defaults());
             TensorFlowBackend tf = new TensorFlowBackend(model, RuntimeOptions.defaults())) {
            for (int seed = 0; seed < 3; seed++) {
                float[] x = SavedModelImporterTest.randomImages(BATCH, seed);
                BackendOutput expected = tf.run(x, BATCH);
                worst = Math.max(worst, SavedModelImporterTest.maxAbsDifference(expected, ort.run(x, BATCH)));
            }
        }
        return worst;
    }

    @Test
    void aCalledFunctionIsInlinedAndComputesWhatTensorFlowComputes() {
        Path model = TensorFlowSavedModels.withFunctionCall(dir.resolve("function-call"));

        Graph g = SavedModelImporter.importSavedModel(model);

        assertThat(g.nodesOfType("Relu")).hasSize(1);
        assertThat(worstDifference(model, g)).isLessThanOrEqualTo(1e-6);
    }

    @Test
    void weightsPassedAsArgumentsBecomeInitializersAndNestedCallsAreInlined() {
        Path model = TensorFlowSavedModels.kerasStyleFunctionCall(dir.resolve("keras-style"), "Relu");

        Graph g = SavedModelImporter.importSavedModel(model);

        assertThat(g.nodesOfType("Conv")).hasSize(2);
        assertThat(g.nodesOfType("Gemm")).hasSize(1);
        assertThat(g.nodes()).noneMatch(n -> n.opType().contains("Call"));
        // the variables passed to the function keep their names; the kernel scaled inside it is computed once
        assertThat(g.isInitializer("conv1/kernel")).isTrue();
        assertThat(g.isInitializer("dense/kernel")).isTrue();
        assertThat(g.nodesOfType("Mul")).isEmpty();
        double worst = worstDifference(model, g);
        System.out.printf("Keras-style function call: max |ORT - TF| = %.3g%n", worst);
        assertThat(worst).isLessThanOrEqualTo(1e-4);
    }

    @Test
    void anUnsupportedOpInsideAFunctionIsNamedWithItsNode() {
        Path model = TensorFlowSavedModels.kerasStyleFunctionCall(dir.resolve("elu"), "Elu");

        assertThatThrownBy(() -> SavedModelImporter.importSavedModel(model))
                .isInstanceOf(UnsupportedTensorFlowOpException.class)
                .hasMessageContaining("'Elu'")
                .satisfies(e -> assertThat(((UnsupportedTensorFlowOpException) e).nodeName()).contains("Call/"));
    }
}

package org.compresslab.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.TestFiles;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.ShapeInferenceResult;
import org.compresslab.graph.Tensor;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Models written by a real exporter (PyTorch 1.13, see scripts/fixtures) load, infer, count and round-trip. */
class PyTorchExportedModelTest {

    private static JsonNode reference(String model) throws IOException {
        return new ObjectMapper().readTree(Files.readString(TestFiles.fixture(model + ".reference.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenetv2"})
    void parameterCountEqualsFloatInitializerElements(String model) throws IOException {
        Graph g = OnnxReader.read(TestFiles.fixture(model + ".onnx"));
        JsonNode ref = reference(model);
        long floatElements = g.initializers().values().stream().filter(t -> t.type() == DataType.FLOAT)
                .mapToLong(Tensor::elementCount).sum();
        assertThat(floatElements).isEqualTo(ref.get("initializer_float_elements").asLong());
        ModelStatistics stats = ModelStatistics.of(g);
        assertThat(stats.params()).isEqualTo(floatElements);
        // PyTorch's parameters plus BatchNorm's running statistics, which ONNX stores as initializers
        assertThat(stats.params()).isEqualTo(ref.get("params").asLong() + ref.get("buffers_float").asLong());
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenetv2"})
    void macCountMatchesPyTorchForwardHooks(String model) throws IOException {
        Graph g = OnnxReader.read(TestFiles.fixture(model + ".onnx"));
        JsonNode ref = reference(model);
        ModelStatistics stats = ModelStatistics.of(g);
        assertThat(stats.problems()).isEmpty();
        assertThat((double) stats.macs()).isCloseTo(ref.get("macs").asDouble(), within(ref.get("macs").asDouble() * 0.01));
        List<Long> ours = new ArrayList<>();
        for (LayerStatistics l : stats.layers()) {
            if (l.macs() > 0) {
                ours.add(l.macs());
            }
        }
        List<Long> theirs = new ArrayList<>();
        ref.get("layers").forEach(l -> theirs.add(l.get("macs").asLong()));
        // exporters may order the residual downsample branch differently from module order
        assertThat(ours).containsExactlyInAnyOrderElementsOf(theirs);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenetv2"})
    void inferredOutputShapeMatchesPyTorch(String model) throws IOException {
        Graph g = OnnxReader.read(TestFiles.fixture(model + ".onnx"));
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
        long[] expected = new ObjectMapper().convertValue(reference(model).get("output_shape"), long[].class);
        assertThat(shapes.dims(g.outputs().get(0).name())).containsExactly(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"resnet18", "mobilenetv2"})
    void roundTripGivesBitIdenticalRuntimeOutputs(String model) throws IOException {
        byte[] original = Files.readAllBytes(TestFiles.fixture(model + ".onnx"));
        byte[] rewritten = OnnxWriter.toBytes(OnnxReader.read(original));
        JsonNode ref = reference(model);
        float[] input = new ObjectMapper().convertValue(ref.get("sample_input"), float[].class);
        long[] shape = {1, 3, 64, 64};
        BackendOutput a;
        BackendOutput b;
        try (OnnxRuntimeBackend ra = new OnnxRuntimeBackend(original, RuntimeOptions.defaults());
             OnnxRuntimeBackend rb = new OnnxRuntimeBackend(rewritten, RuntimeOptions.defaults())) {
            a = ra.run(input, shape);
            b = rb.run(input, shape);
        }
        assertThat(b.data()).containsExactly(a.data());
        float[] torch = new ObjectMapper().convertValue(ref.get("sample_output"), float[].class);
        for (int i = 0; i < torch.length; i++) {
            assertThat(a.data()[i]).isCloseTo(torch[i], within(1e-3f));
        }
    }
}

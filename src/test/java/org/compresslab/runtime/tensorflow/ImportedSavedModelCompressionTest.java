package org.compresslab.runtime.tensorflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.quantize.StaticInt8Quantizer;
import org.compresslab.data.Preprocessing;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.runtime.BackendOutput;
import org.compresslab.runtime.OnnxRuntimeBackend;
import org.compresslab.runtime.RuntimeOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graph imported from a SavedModel is an ordinary NCHW graph: static int8 quantization and channel pruning apply. */
class ImportedSavedModelCompressionTest {
    private static final long[] BATCH = {16, 1, TensorFlowSavedModels.SIZE, TensorFlowSavedModels.SIZE};

    @TempDir
    static Path dir;
    private static Graph imported;
    private static CompressionContext context;

    @BeforeAll
    static void importTheCnn() {
        imported = SavedModelImporter.importSavedModel(TensorFlowSavedModels.smallCnn(dir.resolve("small-cnn")),
                "serve", "logits");
        context = new CompressionContext(Preprocessing.unnormalized(28, 28, 1), CompressionFixtures.trainData(),
                CompressionFixtures.testData(), RuntimeOptions.defaults(), 1, null, null, null);
    }

    private static BackendOutput run(Graph g, float[] x) {
        try (OnnxRuntimeBackend ort = new OnnxRuntimeBackend(OnnxWriter.toBytes(g), RuntimeOptions.defaults())) {
            return ort.run(x, BATCH);
        }
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }

    @Test
    void staticInt8QuantizationGivesIntegerKernelsCloseToFloat() {
        StaticInt8Quantizer quantizer = new StaticInt8Quantizer();

        TechniqueOutcome out = quantizer.apply(imported,
                StepParameters.validate(quantizer.descriptor(), Map.of("samples", 64)), context);

        var report = (StaticInt8Quantizer.StaticInt8Report) out.report();
        int convs = imported.nodesOfType("Conv").size();
        assertThat(out.model().nodesOfType("QuantizeLinear")).isNotEmpty();
        assertThat(out.model().nodesOfType("DequantizeLinear")).isNotEmpty();
        assertThat(report.runtimeOps()).containsEntry("QLinearConv", convs);
        assertThat(report.foldedBatchNorms()).isEqualTo(2);
        float[] x = SavedModelImporterTest.randomImages(BATCH, 5);
        float[] fp32 = run(imported, x).data();
        float[] int8 = run(out.model(), x).data();
        double cos = cosine(fp32, int8);
        System.out.printf("int8 vs fp32 logits: cosine %.5f, %d QLinearConv%n", cos, convs);
        assertThat(cos).isGreaterThan(0.99);
    }

    @Test
    void channelPruningRemovesConvChannelsAndTheGraphStillRuns() {
        ChannelPruner pruner = new ChannelPruner();

        TechniqueOutcome out = pruner.apply(imported, StepParameters.validate(pruner.descriptor(),
                Map.of("ratio", 0.5, "protect_first_last", false)), context);

        var report = (ChannelPruner.ChannelReport) out.report();
        System.out.println("pruned groups " + report.groups() + "; left alone " + report.leftAlone());
        assertThat(report.groups()).isNotEmpty();
        assertThat(report.macsAfter()).isLessThan(report.macsBefore());
        assertThat(GraphValidator.problems(out.model())).isEmpty();
        assertThat(outputChannels(out.model())).isLessThan(outputChannels(imported));
        BackendOutput o = run(out.model(), SavedModelImporterTest.randomImages(BATCH, 6));
        assertThat(o.shape()).containsExactly(16, 10);
        for (float v : o.data()) {
            assertThat(v).isFinite();
        }
    }

    private static long outputChannels(Graph g) {
        long total = 0;
        for (Node conv : g.nodesOfType("Conv")) {
            total += g.initializer(conv.input(1)).orElseThrow().dim(0);
        }
        return total;
    }
}

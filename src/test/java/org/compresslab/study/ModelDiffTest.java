package org.compresslab.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionFixtures;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.prune.MagnitudePruner;
import org.compresslab.compress.quantize.DynamicInt8Quantizer;
import org.compresslab.compress.quantize.Fp16Converter;
import org.compresslab.compress.quantize.StaticInt8Quantizer;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.LayerStatistics;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.study.ModelDiff.LayerChange;
import org.compresslab.study.ModelDiff.NodeGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The "what changed" diff on models really transformed by the shipped techniques. */
class ModelDiffTest {
    @TempDir
    Path dir;

    private static ModelFile apply(Technique t, ModelFile m, Map<String, ?> params) {
        Graph out = t.apply(m.graph(), StepParameters.validate(t.descriptor(), params), CompressionFixtures.context(m))
                .model();
        return ModelFile.of(Path.of(t.descriptor().id() + ".onnx"), out);
    }

    private static LayerChange layer(ModelDiff d, String name) {
        return d.changed().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void channelPruningListsEveryNarrowedLayerWithItsShapesParamsAndMacs() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        ModelFile pruned = apply(new ChannelPruner(), m, Map.of("ratio", 0.5, "protect_first_last", false));

        ModelDiff d = ModelDiff.of(m, pruned);

        assertThat(d.changed()).extracting(LayerChange::name).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
        LayerChange conv2 = layer(d, "conv2");
        assertThat(conv2.before().mainWeight().orElseThrow().dims()).containsExactly(16, 6, 5, 5);
        assertThat(conv2.after().mainWeight().orElseThrow().dims()).containsExactly(8, 3, 5, 5);
        assertThat(conv2.before().params()).isEqualTo(16 * 6 * 25 + 16);
        assertThat(conv2.after().params()).isEqualTo(8 * 3 * 25 + 8);
        // conv2 makes 10×10 outputs: MACs = output elements × input channels × kernel area
        assertThat(ModelDiffText.layer(conv2)).isEqualTo(
                "conv2: 16→8 output channels, 6→3 input channels, weights 16×6×5×5→8×3×5×5, 2,416→608 params,"
                        + " 240,000→60,000 MACs");
        assertThat(ModelDiffText.layer(layer(d, "fc3"))).startsWith("fc3: weights 10×84→10×42, 850→430 params");
        assertThat(ModelDiffText.highlights(d)).contains("4 layers lost output channels (removed for good: fewer MACs)");
        // per-layer figures are the ones the statistics give, totals are the statistics'
        ModelStatistics after = ModelStatistics.of(pruned.graph());
        for (LayerChange c : d.changed()) {
            LayerStatistics s = after.layers().stream().filter(l -> l.name().equals(c.name())).findFirst().orElseThrow();
            assertThat(c.after().params()).isEqualTo(s.params());
            assertThat(c.after().macs()).isEqualTo(s.macs());
        }
        assertThat(d.totals().paramsAfter()).isEqualTo(after.params());
        assertThat(d.totals().macsAfter()).isEqualTo(after.macs()).isLessThan(d.totals().macsBefore() / 3);
        assertThat(d.totals().bytesAfter()).isEqualTo(pruned.bytes().length);
    }

    @Test
    void staticInt8ShowsInt8WeightsFoldedBatchNormsAndTheQdqNodesAsGroups() {
        ModelFile m = CompressionFixtures.sample("resnet8");
        ModelFile q = apply(new StaticInt8Quantizer(), m, Map.of("samples", 16));
        int convs = m.graph().nodesOfType("Conv").size();
        int bns = m.graph().nodesOfType("BatchNormalization").size();

        ModelDiff d = ModelDiff.of(m, q);

        // every Conv and the classifier changed; the Relus, Adds and the pool did not and are not listed
        assertThat(d.changed()).hasSize(convs + 1).allSatisfy(c -> {
            assertThat(c.before().mainWeight().orElseThrow().type()).isEqualTo(DataType.FLOAT);
            assertThat(c.after().mainWeight().orElseThrow().type()).isEqualTo(DataType.INT8);
            assertThat(c.after().mainWeight().orElseThrow().dims()).isEqualTo(c.before().mainWeight().orElseThrow().dims());
        });
        LayerChange stem = layer(d, "stem.conv");
        // the BatchNorm's scale went into the kernel and its shift became the bias (int32 in QDQ)
        assertThat(stem.after().weights()).extracting(ModelDiff.Weight::type).containsExactly(DataType.INT8, DataType.INT32);
        assertThat(ModelDiffText.change(stem)).startsWith("weights float32→int8, gained a bias (int32), 144→160 params");
        assertThat(d.removed()).singleElement().satisfies(g -> {
            assertThat(g.op()).isEqualTo("BatchNormalization");
            assertThat(g.count()).isEqualTo(bns);
            assertThat(g.afterKeptConv()).isEqualTo(bns);
        });
        assertThat(ModelDiffText.group(d.removed().get(0), false)).isEqualTo("BatchNormalization ×" + bns
                + " folded into the convolutions before them (" + ModelDiffText.count(d.removed().get(0).params())
                + " params)");
        assertThat(d.added()).extracting(NodeGroup::op).containsExactlyInAnyOrder("QuantizeLinear", "DequantizeLinear");
        assertThat(d.added()).filteredOn(g -> g.op().equals("DequantizeLinear")).singleElement()
                .extracting(NodeGroup::count).isEqualTo(q.graph().nodesOfType("DequantizeLinear").size());
        assertThat(ModelDiffText.highlights(d)).containsExactly("int8 weights in " + (convs + 1) + " layers (were float32)");
        assertThat(d.totals().bytesAfter()).isLessThan(d.totals().bytesBefore() / 3);
        ModelStatistics after = ModelStatistics.of(q.graph());
        assertThat(d.totals().paramsAfter()).isEqualTo(after.params());
        assertThat(d.totals().nonZeroAfter()).isEqualTo(after.nonZeroParams());
        assertThat(d.totals().macsAfter()).isEqualTo(after.macs()).isEqualTo(d.totals().macsBefore());
        assertThat(ModelDiffText.totals(d.totals())).anyMatch(l -> l.startsWith("File ") && l.contains("× smaller"));
    }

    @Test
    void float16ChangesEveryWeightTypeAndAddsTheBoundaryCasts() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        ModelFile half = apply(new Fp16Converter(), m, Map.of());

        ModelDiff d = ModelDiff.of(m, half);

        assertThat(d.changed()).hasSize(5).allSatisfy(c ->
                assertThat(c.after().weights()).allMatch(w -> w.type() == DataType.FLOAT16));
        assertThat(ModelDiffText.layer(layer(d, "fc1"))).isEqualTo("fc1: weights float32→float16");
        assertThat(d.added()).singleElement().satisfies(g -> {
            assertThat(g.op()).isEqualTo("Cast");
            assertThat(g.count()).isEqualTo(2);
        });
        assertThat(d.totals().paramsAfter()).isEqualTo(d.totals().paramsBefore());
        assertThat(ModelDiffText.highlights(d)).containsExactly("float16 weights in 5 layers (were float32)");
    }

    @Test
    void aLayerReplacedByADynamicInt8ChainIsOneRowNamingTheNewNodes() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        ModelFile dyn = apply(new DynamicInt8Quantizer(), m, Map.of());

        ModelDiff d = ModelDiff.of(m, dyn);

        assertThat(d.changed()).extracting(LayerChange::name).containsExactly("fc1", "fc2", "fc3");
        LayerChange fc1 = layer(d, "fc1");
        assertThat(fc1.replacement()).containsExactly("DynamicQuantizeLinear", "MatMulInteger", "Cast", "Mul", "Mul", "Add");
        assertThat(fc1.after().op()).isEqualTo("MatMulInteger");
        assertThat(fc1.after().mainWeight().orElseThrow().type()).isEqualTo(DataType.INT8);
        assertThat(fc1.after().mainWeight().orElseThrow().dims()).containsExactly(400, 120);
        // integer kernels' MACs are not counted by the statistics: unknown, not zero
        assertThat(fc1.after().macs()).isEqualTo(-1);
        assertThat(ModelDiffText.layer(fc1)).startsWith("fc1: Gemm replaced by 6 nodes (DynamicQuantizeLinear, "
                + "MatMulInteger, Cast, Mul ×2, Add), weights 120×400 float32→400×120 int8");
        // the int8 weights are still parameters (plus a float scale per output); their MACs are not counted
        assertThat(d.totals().paramsAfter()).isEqualTo(d.totals().paramsBefore() + 120 + 84 + 10);
        assertThat(d.totals().macsAfter()).isEqualTo(-1);
        // the chain's nodes are in the row, not listed again as added
        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
    }

    @Test
    void magnitudePruningKeepsShapesAndShowsTheZeros() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        ModelFile sparse = apply(new MagnitudePruner(), m, Map.of("sparsity", 0.5));

        ModelDiff d = ModelDiff.of(m, sparse);

        assertThat(d.changed()).isNotEmpty().allSatisfy(c -> {
            assertThat(c.after().params()).isEqualTo(c.before().params());
            assertThat(c.after().nonZero()).isLessThan(c.before().nonZero());
        });
        String fc1 = ModelDiffText.change(layer(d, "fc1"));
        assertThat(fc1).matches("48,120→\\d{2},\\d{3} non-zero \\((4\\d|50)% zeros\\)");
        assertThat(d.totals().nonZeroAfter()).isLessThan(d.totals().nonZeroBefore() * 6 / 10);
        assertThat(ModelDiffText.totals(d.totals())).anyMatch(l -> l.startsWith("Non-zero parameters 61,706 → "));
    }

    @Test
    void whenEveryNameChangedLayersAreMatchedInOrderWithinTheirOpType() {
        ModelFile m = CompressionFixtures.sample("lenet5");
        Graph renamed = apply(new ChannelPruner(), m, Map.of("ratio", 0.5, "protect_first_last", false)).graph();
        int i = 0;
        for (Node n : renamed.nodes()) {
            n.setName("node" + i++);
        }
        for (Tensor t : List.copyOf(renamed.initializers().values())) {
            String newName = "w" + i++;
            renamed.removeInitializer(t.name());
            renamed.putInitializer(t.withName(newName));
            renamed.nodes().forEach(n -> n.replaceInput(t.name(), newName));
        }

        ModelDiff d = ModelDiff.of(m, ModelFile.of(Path.of("renamed.onnx"), renamed));

        assertThat(d.added()).isEmpty();
        assertThat(d.removed()).isEmpty();
        assertThat(d.changed()).extracting(LayerChange::name).containsExactly("conv1", "conv2", "fc1", "fc2", "fc3");
        assertThat(layer(d, "conv2").after().name()).isEqualTo("node3");
        assertThat(layer(d, "conv2").after().outputChannels()).isEqualTo(8);
    }

    @Test
    void anUnchangedModelHasAnEmptyDiff() {
        ModelFile m = CompressionFixtures.sample("lenet5");

        ModelDiff d = ModelDiff.of(m, ModelFile.of(Path.of("copy.onnx"), m.graph().copy()));

        assertThat(d.isEmpty()).isTrue();
        assertThat(ModelDiffText.summary(d)).isEqualTo("No layer changed: the two models have the same layers and weights.");
    }

    @Test
    void aRunIsComparedWithItsParentRunsModelElseTheBaseline() throws Exception {
        ModelFile m = CompressionFixtures.sample("lenet5");
        ModelFile pruned = apply(new ChannelPruner(), m, Map.of("ratio", 0.5, "protect_first_last", false));
        ModelFile half = apply(new Fp16Converter(), pruned, Map.of());
        Path prunedFile = dir.resolve("pruned.onnx");
        Path halfFile = dir.resolve("half.onnx");
        OnnxWriter.write(pruned.graph(), prunedFile);
        OnnxWriter.write(half.graph(), halfFile);
        Project project = new Project("p");
        project.setBaselineModel(m.path().toString());
        Run prune = run("prune.channels", prunedFile.toString(), null);
        Run fp16 = run("quantize.fp16", halfFile.toString(), prune.id());
        project.addRun(prune);
        project.addRun(fp16);

        ModelDiff fromBaseline = ModelDiff.forRun(project, prune);
        ModelDiff fromParent = ModelDiff.forRun(project, fp16);

        assertThat(fromBaseline.before()).isEqualTo("lenet5.onnx");
        assertThat(layer(fromBaseline, "conv2").after().outputChannels()).isEqualTo(8);
        // from the pruned parent only the number format changed, not the shapes
        assertThat(fromParent.before()).isEqualTo("pruned.onnx");
        assertThat(fromParent.changed()).allSatisfy(c -> assertThat(ModelDiffText.change(c)).isEqualTo("weights float32→float16"));
    }

    @Test
    void aRunWithoutAModelOrWithAMissingFileIsExplained() {
        Project project = new Project("p");
        project.setBaselineModel(CompressionFixtures.samplePath("lenet5").toString());
        Run failed = run("prune.channels", null, null).withStatus(Run.FAILED, "Pruning was cancelled.");
        Run gone = run("prune.channels", dir.resolve("gone.onnx").toString(), null);

        assertThatThrownBy(() -> ModelDiff.forRun(project, failed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("“prune.channels” has no model to look at: Pruning was cancelled.");
        assertThatThrownBy(() -> ModelDiff.forRun(project, gone)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot read the model of “prune.channels”: ").hasMessageContaining("no such file");
    }

    private static Run run(String kind, String model, String parent) {
        return new Run(Run.newId(), kind, kind, Instant.now(), kind, null, model, parent, null, null, Run.FINISHED, null);
    }
}

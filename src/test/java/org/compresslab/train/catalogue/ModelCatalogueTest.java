package org.compresslab.train.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.ModelStatistics;
import org.compresslab.graph.Node;
import org.compresslab.graph.ShapeInference;
import org.compresslab.graph.ShapeInferenceResult;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;
import org.compresslab.onnx.OnnxWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ModelCatalogueTest {
    /** The ops the DJL training interpreter runs; a catalogue graph must use nothing else. */
    private static final Set<String> TRAINABLE_OPS = Set.of("Conv", "BatchNormalization", "Relu", "LeakyRelu", "Clip",
            "Sigmoid", "HardSigmoid", "HardSwish", "Tanh", "Add", "Sub", "Mul", "Div", "Pow", "Sqrt", "Erf", "Concat",
            "Split", "Slice", "MaxPool", "AveragePool", "GlobalAveragePool", "Flatten", "Reshape", "Transpose",
            "Squeeze", "Unsqueeze", "Gemm", "MatMul", "Softmax", "LayerNormalization", "ReduceMean", "Dropout",
            "Identity");

    private static Graph build(String id, int c, int h, int w) {
        return ModelCatalogue.build(id, c, h, w, CatalogueCases.CLASSES, 42);
    }

    @Test
    void listsTheContractedIdsInOrder() {
        assertThat(ModelCatalogue.ids()).containsExactly("lenet5", "resnet8", "resnet20", "resnet56",
                "mobilenetv2-1.0", "mobilenetv2-0.5", "vgg-small", "vit-tiny", "vit-tiny-4");
        assertThat(ModelCatalogue.architectures()).extracting(ArchitectureInfo::id)
                .containsExactlyElementsOf(ModelCatalogue.ids());
        assertThat(ModelCatalogue.architectures()).allSatisfy(a -> assertThat(a.description()).isNotBlank());
    }

    @Test
    void describesOtherMobileNetWidthsButNotUnknownIds() {
        assertThat(ModelCatalogue.info("resnet20")).get().extracting(ArchitectureInfo::description)
                .asString().contains("ResNet-20");
        assertThat(ModelCatalogue.info("mobilenetv2-0.75")).get().extracting(ArchitectureInfo::description)
                .asString().contains("0.75");
        assertThat(ModelCatalogue.info("resnet18")).isEmpty();
        assertThat(ModelCatalogue.info("mobilenetv2-x")).isEmpty();
    }

    @Test
    void unknownIdIsRefusedWithTheValidIdsInTheMessage() {
        assertThatThrownBy(() -> ModelCatalogue.build("resnet18", 3, 32, 32, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown architecture 'resnet18'")
                .hasMessageContaining("lenet5, resnet8, resnet20, resnet56, mobilenetv2-1.0, mobilenetv2-0.5, vgg-small, "
                        + "vit-tiny, vit-tiny-4");
        assertThatThrownBy(() -> ModelCatalogue.build(null, 3, 32, 32, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resnet20");
    }

    @Test
    void unknownIdIsReportedEvenWhenTheSizesAreAlsoWrong() {
        assertThatThrownBy(() -> ModelCatalogue.build("alexnet", 0, 0, 0, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown architecture 'alexnet'");
    }

    @ParameterizedTest(name = "{0} at {1}×{2}×{3}")
    @MethodSource("org.compresslab.train.catalogue.CatalogueCases#everyArchitectureAndShape")
    void everyArchitectureBuildsAValidGraphWhoseShapesInferToLogits(String id, int c, int h, int w) {
        Graph g = build(id, c, h, w);

        GraphValidator.check(g);
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
        assertThat(shapes.problems()).isEmpty();
        assertThat(shapes.dims("logits")).containsExactly(1, CatalogueCases.CLASSES);
        assertThat(ShapeInference.infer(g, 5).dims("logits")).containsExactly(5, CatalogueCases.CLASSES);
        ModelStatistics stats = ModelStatistics.of(g);
        assertThat(stats.problems()).isEmpty();
        assertThat(stats.macs()).isPositive();
        assertThat(stats.params()).isPositive();
        assertThat(stats.layers()).allSatisfy(l -> assertThat(l.macs()).isNotNegative());
    }

    @ParameterizedTest(name = "{0} at {1}×{2}×{3}")
    @MethodSource("org.compresslab.train.catalogue.CatalogueCases#everyArchitectureAndShape")
    void everyArchitectureUsesOnlyOpsTheTrainerRunsAtOpset17(String id, int c, int h, int w) {
        Graph g = build(id, c, h, w);

        assertThat(g.opsets()).containsExactly(java.util.Map.entry("", 17L));
        assertThat(g.opsetVersion()).isEqualTo(ModelCatalogue.OPSET);
        assertThat(g.nodes()).allSatisfy(n -> {
            assertThat(n.isDefaultDomain()).isTrue();
            assertThat(TRAINABLE_OPS).contains(n.opType());
        });
        assertThat(g.initializers().values()).allSatisfy(t ->
                assertThat(t.type()).isIn(DataType.FLOAT, DataType.INT64));
    }

    @ParameterizedTest(name = "{0} at {1}×{2}×{3}")
    @MethodSource("org.compresslab.train.catalogue.CatalogueCases#everyArchitectureAndShape")
    void everyArchitectureDeclaresInputWithSymbolicBatchAndLogitsOutput(String id, int c, int h, int w) {
        Graph g = build(id, c, h, w);

        assertThat(g.inputs()).hasSize(1);
        ValueInfo in = g.inputs().get(0);
        assertThat(in.name()).isEqualTo("input");
        assertThat(in.type()).isEqualTo(DataType.FLOAT);
        assertThat(in.shape().toString()).isEqualTo("[batch, " + c + ", " + h + ", " + w + "]");
        assertThat(g.outputs()).hasSize(1);
        assertThat(g.outputs().get(0).name()).isEqualTo("logits");
        assertThat(g.outputs().get(0).shape().toString()).isEqualTo("[batch, 10]");
        assertThat(g.name()).isEqualTo(id);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet5", "resnet8", "resnet20", "resnet56", "mobilenetv2-1.0", "mobilenetv2-0.5",
            "vgg-small", "vit-tiny", "vit-tiny-4"})
    void everyNodeAndWeightHasAReadableUniqueName(String id) {
        Graph g = build(id, 3, 32, 32);

        Set<String> nodeNames = new HashSet<>();
        for (Node n : g.nodes()) {
            assertThat(n.name()).matches("[a-z][a-z0-9_.]*[a-z0-9]");
            assertThat(nodeNames.add(n.name())).as("node name %s is unique", n.name()).isTrue();
        }
        // every trainable weight is named after the layer that reads it: "<node>.weight", "<node>.bias", …
        // (a ViT projection's bias is read by its "<node>.bias_add")
        Set<String> sharedConstants = Set.of("relu6.min", "relu6.max", "attn.scale", "gelu.sqrt2", "gelu.one",
                "gelu.half", "pos_embed");
        for (Tensor t : g.initializers().values()) {
            if (sharedConstants.contains(t.name()) || t.type() == DataType.INT64) {
                continue;
            }
            String owner = t.name().substring(0, t.name().lastIndexOf('.'));
            assertThat(g.node(owner)).as("node owning %s", t.name()).isPresent();
            assertThat(g.consumers(t.name())).as("readers of %s", t.name()).singleElement()
                    .extracting(Node::name).asString().matches(java.util.regex.Pattern.quote(owner) + "(\\.bias_add)?");
        }
    }

    @Test
    void resnetLayerNamesFollowTheStageAndBlockNumbering() {
        Graph g = build("resnet20", 3, 32, 32);

        assertThat(g.node("layer1.0.conv1")).isPresent();
        assertThat(g.node("layer1.0.bn1")).isPresent();
        assertThat(g.node("layer3.2.relu2")).isPresent();
        assertThat(g.initializers()).containsKeys("layer1.0.conv1.weight", "layer1.0.bn1.weight", "layer1.0.bn1.bias",
                "layer1.0.bn1.running_mean", "layer1.0.bn1.running_var", "fc.weight", "fc.bias");
        assertThat(g.nodes().get(g.nodes().size() - 1).name()).isEqualTo("fc");
    }

    @Test
    void batchNormStartsAsIdentityStatisticsWithTheContractedAttributes() {
        Graph g = build("resnet8", 3, 32, 32);

        List<Node> bns = List.copyOf(g.nodesOfType("BatchNormalization"));
        assertThat(bns).hasSize(1 + 2 * 3 + 2); // stem, two per block, two projection shortcuts
        for (Node bn : bns) {
            assertThat(bn.inputs()).hasSize(5);
            assertThat(bn.floatAttr("epsilon", 0)).isEqualTo(1e-5f);
            assertThat(bn.floatAttr("momentum", 0)).isEqualTo(0.9f);
            assertThat(g.initializer(bn.input(1)).orElseThrow().toFloats()).containsOnly(1f);
            assertThat(g.initializer(bn.input(2)).orElseThrow().toFloats()).containsOnly(0f);
            assertThat(g.initializer(bn.input(3)).orElseThrow().toFloats()).containsOnly(0f);
            assertThat(g.initializer(bn.input(4)).orElseThrow().toFloats()).containsOnly(1f);
            // the conv before a BN has no bias
            Node conv = g.producer(bn.input(0)).orElseThrow();
            assertThat(conv.opType()).isEqualTo("Conv");
            assertThat(conv.inputs()).hasSize(2);
        }
    }

    @Test
    void resnetsHaveOneResidualAddPerBlockAndProjectionShortcutsOnlyWhereTheShapeChanges() {
        for (int[] depthAndBlocks : new int[][] {{8, 1}, {20, 3}, {56, 9}}) {
            Graph g = build("resnet" + depthAndBlocks[0], 3, 32, 32);
            assertThat(g.nodesOfType("Add")).hasSize(3 * depthAndBlocks[1]);
            // 6n + 1 convs on the main path (stem + 2 per block) + 2 shortcuts; plus the fc = depth 6n + 2
            assertThat(g.nodesOfType("Conv")).hasSize(6 * depthAndBlocks[1] + 1 + 2);
            assertThat(g.nodes()).filteredOn(n -> n.name().contains("shortcut.conv")).extracting(Node::name)
                    .containsExactly("layer2.0.shortcut.conv", "layer3.0.shortcut.conv");
        }
    }

    @Test
    void resnetStagesHalveTheImageAtTheStartOfStagesTwoAndThree() {
        Graph g = build("resnet20", 3, 32, 32);
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);

        assertThat(shapes.dims("layer1.2.relu2")).containsExactly(1, 16, 32, 32);
        assertThat(shapes.dims("layer2.0.conv1")).containsExactly(1, 32, 16, 16);
        assertThat(shapes.dims("layer2.0.shortcut.bn")).containsExactly(1, 32, 16, 16);
        assertThat(shapes.dims("layer3.2.relu2")).containsExactly(1, 64, 8, 8);
        assertThat(shapes.dims("flatten")).containsExactly(1, 64);
    }

    @Test
    void mobileNetV2HasDepthwiseConvsResidualsAndCifarStrides() {
        Graph g = build("mobilenetv2-1.0", 3, 32, 32);
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);

        List<Node> depthwise = g.nodes().stream().filter(n -> n.name().endsWith(".dw.conv")).toList();
        assertThat(depthwise).hasSize(17); // 1 + 2 + 3 + 4 + 3 + 3 + 1 blocks
        for (Node dw : depthwise) {
            long channels = shapes.dims(dw.input(0))[1];
            assertThat(dw.intAttr("group", 1)).isEqualTo(channels);
            assertThat(g.initializer(dw.input(1)).orElseThrow().dims()).containsExactly(channels, 1, 3, 3);
        }
        // residual Adds where stride 1 and in == out: n − 1 per row → 0 + 1 + 2 + 3 + 2 + 2 + 0
        assertThat(g.nodesOfType("Add")).hasSize(10);
        assertThat(g.nodesOfType("Clip")).allSatisfy(clip -> {
            assertThat(clip.inputs()).containsExactly(clip.input(0), "relu6.min", "relu6.max");
        });
        assertThat(g.initializer("relu6.max").orElseThrow().toFloats()).containsExactly(6f);
        assertThat(shapes.dims("stem.relu6")).containsExactly(1, 32, 32, 32); // stem stride 1
        assertThat(shapes.dims("blocks.2.project.bn")).containsExactly(1, 24, 32, 32); // second row stride 1
        assertThat(shapes.dims("blocks.3.project.bn")).containsExactly(1, 32, 16, 16);
        assertThat(shapes.dims("head.relu6")).containsExactly(1, 1280, 4, 4);
    }

    @Test
    void mobileNetV2WidthScalesChannelsToMultiplesOfEight() {
        Graph half = build("mobilenetv2-0.5", 3, 32, 32);
        ShapeInferenceResult shapes = ShapeInference.infer(half, 1);

        // 32·0.5 = 16; 16·0.5 = 8; 24·0.5 = 12 → 16; 320·0.5 = 160; head stays 1280 for w ≤ 1
        assertThat(shapes.dims("stem.conv")[1]).isEqualTo(16);
        assertThat(shapes.dims("blocks.0.project.conv")[1]).isEqualTo(8);
        assertThat(shapes.dims("blocks.1.project.conv")[1]).isEqualTo(16);
        assertThat(shapes.dims("blocks.16.project.conv")[1]).isEqualTo(160);
        assertThat(shapes.dims("head.conv")[1]).isEqualTo(1280);
        for (Node conv : half.nodesOfType("Conv")) {
            assertThat(shapes.dims(conv.output(0))[1] % 8).as(conv.name()).isZero();
        }
        Graph wide = build("mobilenetv2-1.4", 3, 32, 32);
        assertThat(ShapeInference.infer(wide, 1).dims("head.conv")[1]).isEqualTo(1792); // 1280·1.4
    }

    @Test
    void mobileNetV2HalfWidthHasFewerParametersThanFullWidth() {
        long half = ModelStatistics.of(build("mobilenetv2-0.5", 3, 32, 32)).params();
        long full = ModelStatistics.of(build("mobilenetv2-1.0", 3, 32, 32)).params();

        assertThat(half).isLessThan(full / 2);
    }

    @Test
    void makeDivisibleRoundsLikeTorchvision() {
        assertThat(MobileNetV2.makeDivisible(32)).isEqualTo(32);
        assertThat(MobileNetV2.makeDivisible(12)).isEqualTo(16);
        assertThat(MobileNetV2.makeDivisible(8)).isEqualTo(8);
        assertThat(MobileNetV2.makeDivisible(3.2)).isEqualTo(8);
        assertThat(MobileNetV2.makeDivisible(24 * 0.75)).isEqualTo(24); // 18 → 16 would lose > 10 %, so 24
        assertThat(MobileNetV2.makeDivisible(96 * 0.35)).isEqualTo(32); // 33.6 → 32
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mobilenetv2-", "mobilenetv2-0", "mobilenetv2-x", "mobilenetv2--1", "mobilenetv2-5",
            "mobilenetv2-NaN", "mobilenetv2-1e0"})
    void mobileNetV2RefusesWidthsThatAreNotPositiveNumbersUpToFour(String id) {
        assertThatThrownBy(() -> ModelCatalogue.build(id, 3, 32, 32, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("width multiplier");
    }

    @Test
    void vitTinyDepthIsTwoAndVitTiny4HasFourBlocks() {
        assertThat(build("vit-tiny", 3, 32, 32).nodesOfType("Softmax")).hasSize(2);
        assertThat(build("vit-tiny-4", 3, 32, 32).nodesOfType("Softmax")).hasSize(4);
    }

    @Test
    void vitTinyTakesFourPixelPatchesWhenFourDividesTheImageElseSeven() {
        assertThat(VisionTransformer.patchSide(new ImageSpec(1, 28, 28, 10))).isEqualTo(4);
        assertThat(VisionTransformer.patchSide(new ImageSpec(3, 32, 32, 10))).isEqualTo(4);
        assertThat(VisionTransformer.patchSide(new ImageSpec(3, 21, 35, 10))).isEqualTo(7);

        Graph g = build("vit-tiny", 3, 21, 35);
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
        assertThat(shapes.problems()).isEmpty();
        assertThat(g.initializer("pos_embed").orElseThrow().dims()).containsExactly(1, 15, 64); // 3 × 5 patches
        assertThat(shapes.dims("blocks.0.attn.softmax")).containsExactly(1, 4, 15, 15);
        assertThat(shapes.dims("logits")).containsExactly(1, 10);
    }

    @Test
    void vitTinyRefusesImagesNeitherFourNorSevenDivides() {
        assertThatThrownBy(() -> ModelCatalogue.build("vit-tiny", 3, 30, 30, 10, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multiples of 4").hasMessageContaining("multiples of 7")
                .hasMessageContaining("30×30");
        assertThatCode(() -> ModelCatalogue.build("vit-tiny", 3, 28, 32, 10, 1)) // 4 divides 28 and 32
                .doesNotThrowAnyException();
    }

    @Test
    void vitTinyAttentionFollowsTheMultiHeadLayout() {
        Graph g = build("vit-tiny", 3, 32, 32);
        ShapeInferenceResult shapes = ShapeInference.infer(g, 1);

        assertThat(shapes.dims("patch_embed.transpose")).containsExactly(1, 64, 64);
        assertThat(shapes.dims("blocks.0.attn.qkv.bias_add")).containsExactly(1, 64, 192);
        assertThat(shapes.dims("blocks.0.attn.q.transpose")).containsExactly(1, 4, 64, 16);
        assertThat(shapes.dims("blocks.0.attn.k.transpose")).containsExactly(1, 4, 16, 64);
        assertThat(shapes.dims("blocks.0.attn.scores")).containsExactly(1, 4, 64, 64);
        assertThat(shapes.dims("blocks.0.attn.context.reshape")).containsExactly(1, 64, 64);
        assertThat(shapes.dims("blocks.1.mlp.fc1.bias_add")).containsExactly(1, 64, 128);
        assertThat(shapes.dims("pool")).containsExactly(1, 64);
        Node norm = g.node("blocks.0.norm1").orElseThrow();
        assertThat(norm.intAttr("axis", 0)).isEqualTo(-1);
        assertThat(norm.floatAttr("epsilon", 0)).isEqualTo(1e-6f);
        Node pool = g.node("pool").orElseThrow();
        assertThat(pool.intsAttr("axes")).containsExactly(1);
        assertThat(pool.intAttr("keepdims", 1)).isZero();
        assertThat(g.initializer("attn.scale").orElseThrow().toFloats()).containsExactly(0.25f);
    }

    @Test
    void sizesTheArchitectureCannotTakeAreRefusedInPlainWords() {
        assertThatThrownBy(() -> ModelCatalogue.build("lenet5", 1, 10, 10, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("lenet5 needs images of at least 12×12");
        assertThatThrownBy(() -> ModelCatalogue.build("vgg-small", 1, 28, 7, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 8×8");
        assertThatThrownBy(() -> ModelCatalogue.build("resnet20", 0, 32, 32, 10, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 channel");
        assertThatThrownBy(() -> ModelCatalogue.build("resnet20", 3, 32, 32, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("classes");
    }

    @Test
    void smallestAcceptedSizesStillBuildToLogits() {
        for (String[] idAndSide : new String[][] {{"lenet5", "12"}, {"vgg-small", "8"}, {"resnet8", "1"},
                {"mobilenetv2-0.5", "1"}, {"vit-tiny", "4"}}) {
            int side = Integer.parseInt(idAndSide[1]);
            Graph g = ModelCatalogue.build(idAndSide[0], 2, side, side, 3, 1);
            ShapeInferenceResult shapes = ShapeInference.infer(g, 1);
            assertThat(shapes.problems()).as(idAndSide[0]).isEmpty();
            assertThat(shapes.dims("logits")).as(idAndSide[0]).containsExactly(1, 3);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lenet5", "resnet8", "resnet20", "resnet56", "mobilenetv2-1.0", "mobilenetv2-0.5",
            "vgg-small", "vit-tiny", "vit-tiny-4"})
    void sameSeedGivesBitIdenticalGraphsAndAnotherSeedOtherWeights(String id) {
        byte[] a = OnnxWriter.toBytes(ModelCatalogue.build(id, 3, 32, 32, 10, 7));
        byte[] b = OnnxWriter.toBytes(ModelCatalogue.build(id, 3, 32, 32, 10, 7));
        Graph other = ModelCatalogue.build(id, 3, 32, 32, 10, 8);
        Graph first = ModelCatalogue.build(id, 3, 32, 32, 10, 7);

        assertThat(a).isEqualTo(b);
        assertThat(OnnxWriter.toBytes(other)).isNotEqualTo(a);
        // same structure, different random weights, identical deterministic ones (BN, biases, constants)
        assertThat(other.initializers().keySet()).containsExactlyElementsOf(first.initializers().keySet());
        String firstWeight = first.nodes().stream()
                .filter(n -> n.opType().equals("Conv") || n.opType().equals("MatMul") || n.opType().equals("Gemm"))
                .findFirst().orElseThrow().input(1);
        assertThat(other.initializer(firstWeight).orElseThrow().rawData())
                .isNotEqualTo(first.initializer(firstWeight).orElseThrow().rawData());
        String fcWeight = first.nodes().get(first.nodes().size() - 1).input(1);
        assertThat(other.initializer(fcWeight).orElseThrow().rawData())
                .isNotEqualTo(first.initializer(fcWeight).orElseThrow().rawData());
    }

    @Test
    void buildingTwiceGivesIndependentGraphs() {
        Graph a = build("resnet8", 3, 32, 32);
        Graph b = build("resnet8", 3, 32, 32);
        a.removeNode(a.nodes().get(0));

        assertThat(b.nodes()).hasSize(a.nodes().size() + 1);
    }
}

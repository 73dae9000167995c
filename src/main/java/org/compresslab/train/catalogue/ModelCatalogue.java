package org.compresslab.train.catalogue;

import java.util.List;
import java.util.Optional;
import org.compresslab.graph.Graph;

/**
 * Ready-made CV architectures built as fresh, randomly initialised {@link Graph}s for any input size
 * and class count, to be trained by {@code train/} (as students for distillation, or from scratch).
 * <p>
 * Every graph uses opset {@value #OPSET} and only ops the training interpreter runs (Conv,
 * BatchNormalization, Relu, Clip, MaxPool, GlobalAveragePool, Flatten, Gemm, Add, Mul, Div, Erf,
 * MatMul, Split, Reshape, Transpose, Softmax, LayerNormalization, ReduceMean). Its input is
 * {@code input} [batch, channels, height, width] with a symbolic batch, its output {@code logits}
 * [batch, classes] (no softmax). Nodes carry the names users see in the layer table
 * ({@code layer1.0.conv1}), weights are {@code <node>.weight}/{@code .bias}, BatchNorm statistics
 * {@code <node>.running_mean}/{@code .running_var}.
 * <p>
 * Initialisation, all from one {@code java.util.Random(seed)}, so equal seeds give bit-identical
 * graphs: convolutions He-normal N(0, 2/fan_in) (fan_in = in/groups·k·k) with zero biases; fully
 * connected layers as PyTorch's Linear, weight and bias U(±1/√fan_in); BatchNorm γ 1, β 0, mean 0,
 * variance 1, ε 1e-5, momentum 0.9; the ViT's weights truncated normal σ 0.02 with zero biases.
 * <p>
 * Parameter counts from {@code ModelStatistics} include BatchNorm running statistics and the few
 * shared scalar constants (ReLU6 bounds, the attention scale, GELU's constants), as they are float
 * initializers of the graph.
 */
public final class ModelCatalogue {
    /** The default-domain opset of every catalogue graph (LayerNormalization needs 17). */
    public static final long OPSET = NamedGraphBuilder.OPSET;
    /** Name of the image input. */
    public static final String INPUT = NamedGraphBuilder.INPUT;
    /** Name of the logits output. */
    public static final String OUTPUT = NamedGraphBuilder.OUTPUT;

    /** Builds one architecture for an input size and a seed. */
    private interface Builder {
        Graph build(ImageSpec spec, long seed);
    }

    private record Entry(ArchitectureInfo info, Builder builder) {
        Entry(String id, String description, Builder builder) {
            this(new ArchitectureInfo(id, description), builder);
        }
    }

    private static final List<Entry> ENTRIES = List.of(
            new Entry(LeNet5.ID, LeNet5.DESCRIPTION, LeNet5::build),
            resnet(8),
            resnet(20),
            resnet(56),
            mobileNetV2(1.0),
            mobileNetV2(0.5),
            new Entry(VggSmall.ID, VggSmall.DESCRIPTION, VggSmall::build),
            vit(2),
            vit(4));
    private static final List<ArchitectureInfo> ARCHITECTURES = ENTRIES.stream().map(Entry::info).toList();

    private static Entry resnet(int depth) {
        return new Entry(CifarResNet.id(depth), CifarResNet.description(depth),
                (spec, seed) -> CifarResNet.build(depth, spec, seed));
    }

    private static Entry mobileNetV2(double width) {
        String id = MobileNetV2.id(width);
        return new Entry(id, MobileNetV2.description(width), (spec, seed) -> MobileNetV2.build(width, spec, seed, id));
    }

    private static Entry vit(int depth) {
        return new Entry(VisionTransformer.id(depth), VisionTransformer.description(depth),
                (spec, seed) -> VisionTransformer.build(depth, spec, seed));
    }

    private ModelCatalogue() {
    }

    /**
     * The listed architecture ids, in the order a chooser shows them. {@link #build} also takes any
     * {@code mobilenetv2-<w>} with a width multiplier 0 < w ≤ 4.
     */
    public static List<String> ids() {
        return ARCHITECTURES.stream().map(ArchitectureInfo::id).toList();
    }

    /** The listed architectures with their descriptions. */
    public static List<ArchitectureInfo> architectures() {
        return ARCHITECTURES;
    }

    /** The description of {@code id}, including other MobileNetV2 widths; empty when {@code id} is unknown. */
    public static Optional<ArchitectureInfo> info(String id) {
        Optional<ArchitectureInfo> listed = ARCHITECTURES.stream().filter(a -> a.id().equals(id)).findFirst();
        if (listed.isPresent()) {
            return listed;
        }
        if (id != null && id.startsWith(MobileNetV2.ID_PREFIX)) {
            try {
                return Optional.of(new ArchitectureInfo(id, MobileNetV2.description(MobileNetV2.parseWidth(id))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * A freshly initialised network.
     *
     * @param id       one of {@link #ids()}, or {@code mobilenetv2-<w>}
     * @param channels input channels (1 for gray images, 3 for colour)
     * @param height   input height in pixels
     * @param width    input width in pixels
     * @param classes  number of logits
     * @param seed     seed of the weights' random initialisation
     * @throws IllegalArgumentException for an unknown id (the message lists the valid ones), or sizes
     *                                  the architecture cannot take (the message says why)
     */
    public static Graph build(String id, int channels, int height, int width, int classes, long seed) {
        Entry entry = ENTRIES.stream().filter(e -> e.info().id().equals(id)).findFirst().orElse(null);
        if (entry == null && (id == null || !id.startsWith(MobileNetV2.ID_PREFIX))) {
            throw unknown(id);
        }
        ImageSpec spec = new ImageSpec(channels, height, width, classes);
        if (entry != null) {
            return entry.builder().build(spec, seed);
        }
        return MobileNetV2.build(MobileNetV2.parseWidth(id), spec, seed, id);
    }

    private static IllegalArgumentException unknown(String id) {
        return new IllegalArgumentException("unknown architecture '" + id + "'; the catalogue has "
                + String.join(", ", ids()) + " (and mobilenetv2-<width> for other widths)");
    }
}

package org.compresslab.study;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.compresslab.eval.ModelFile;
import org.compresslab.graph.DataType;
import org.compresslab.onnx.OnnxFormatException;

/**
 * What a run did to its model, layer by layer, for teaching: the layers that changed (op, weight
 * shapes and types, parameters, non-zero parameters, MACs, before and after), the nodes that were
 * added or removed grouped by op type (a QDQ model adds dozens of QuantizeLinear/DequantizeLinear,
 * which read better as one line each), and the model's totals. Layers are matched by node name, then
 * by name prefix (a node replaced by several, e.g. {@code fc1} by {@code fc1_MatMulInteger} …), then
 * by weight name, then in order within each op type when names changed. {@link ModelDiffText} puts it
 * in words.
 *
 * @param before  the model the run started from, as a display name
 * @param after   the run's model, as a display name
 * @param changed layers in both models that changed, in the order of the model they started from
 * @param added   nodes only in the new model, by op type, in order of first appearance
 * @param removed nodes only in the old model, by op type, in order of first appearance
 */
public record ModelDiff(String before, String after, List<LayerChange> changed, List<NodeGroup> added,
                        List<NodeGroup> removed, Totals totals) {

    public ModelDiff {
        changed = List.copyOf(changed);
        added = List.copyOf(added);
        removed = List.copyOf(removed);
    }

    /** Whether the two models have the same layers, weights and totals (e.g. a plain evaluation). */
    public boolean isEmpty() {
        return changed.isEmpty() && added.isEmpty() && removed.isEmpty();
    }

    /**
     * One weight tensor a layer reads: an initializer it reads directly, or the stored (quantized)
     * tensor behind a DequantizeLinear — that is what the file holds and what the runtime computes with.
     */
    public record Weight(String name, long[] dims, DataType type, long elements, long nonZero) {
        public Weight {
            dims = dims.clone();
        }

        @Override
        public long[] dims() {
            return dims.clone();
        }

        boolean sameLayout(Weight other) {
            return type == other.type && Arrays.equals(dims, other.dims);
        }
    }

    /**
     * A layer as one model has it.
     *
     * @param outputShape its first output's inferred shape at batch 1; null when unknown
     * @param macs        multiply-accumulates per image as {@link org.compresslab.graph.ModelStatistics} counts
     *                    them (Conv, Gemm, MatMul); -1 when the shapes are unknown or for integer kernels
     *                    (MatMulInteger …), which do multiply-accumulate but are not counted there
     */
    public record Layer(String name, String op, long[] outputShape, List<Weight> weights, long macs) {
        public Layer {
            outputShape = outputShape == null ? null : outputShape.clone();
            weights = List.copyOf(weights);
        }

        @Override
        public long[] outputShape() {
            return outputShape == null ? null : outputShape.clone();
        }

        /** Elements of the weights listed (for float and QDQ models what {@code LayerStatistics} counts too). */
        public long params() {
            return weights.stream().mapToLong(Weight::elements).sum();
        }

        public long nonZero() {
            return weights.stream().mapToLong(Weight::nonZero).sum();
        }

        /** The largest weight (a layer's kernel rather than its bias); empty for a layer without weights. */
        public Optional<Weight> mainWeight() {
            Weight main = null;
            for (Weight w : weights) {
                if (main == null || w.elements() > main.elements()) {
                    main = w;
                }
            }
            return Optional.ofNullable(main);
        }

        /** Channels (NCHW) or features of the output: its dimension 1; -1 when unknown. */
        public long outputChannels() {
            return outputShape == null || outputShape.length < 2 ? -1 : outputShape[1];
        }
    }

    /**
     * A layer in both models that changed.
     *
     * @param replacement   the ops of the nodes that took the layer's place, in graph order, when it was
     *                      replaced by several nodes (e.g. a dynamically quantized Gemm); empty otherwise
     * @param valuesChanged the weights kept their shapes and types but hold different values (retrained,
     *                      or a BatchNorm folded in)
     */
    public record LayerChange(Layer before, Layer after, List<String> replacement, boolean valuesChanged) {
        public LayerChange {
            replacement = List.copyOf(replacement);
        }

        public String name() {
            return before.name();
        }
    }

    /**
     * Added or removed nodes of one op type.
     *
     * @param names         the nodes, in graph order
     * @param params        weight elements they own
     * @param afterKeptConv how many read the output of a convolution that is in both models: for a
     *                      removed BatchNormalization, the ones folded into that convolution
     */
    public record NodeGroup(String op, List<String> names, long params, int afterKeptConv) {
        public NodeGroup {
            names = List.copyOf(names);
        }

        public int count() {
            return names.size();
        }
    }

    /**
     * The two models' totals. Parameters and non-zero parameters are the distinct weight tensors of
     * the layers (as {@code ModelStatistics} counts them, plus integer weights that integer kernels such
     * as MatMulInteger read without a DequantizeLinear); MACs are {@code ModelStatistics}'s, -1 when
     * unknown — also when the model has integer kernels, whose MACs that count leaves out.
     */
    public record Totals(long paramsBefore, long paramsAfter, long nonZeroBefore, long nonZeroAfter, long macsBefore,
                         long macsAfter, long bytesBefore, long bytesAfter, int nodesBefore, int nodesAfter) {
    }

    /** The changes from {@code before} to {@code after}. */
    public static ModelDiff of(ModelFile before, ModelFile after) {
        return ModelDiffBuilder.diff(before, after);
    }

    /**
     * What {@code run} changed in the model it started from: its parent run's model, else the
     * project's baseline model.
     *
     * @throws IllegalArgumentException in plain words when the run has no model, there is nothing to
     *                                  compare it with, or a model file cannot be read
     */
    public static ModelDiff forRun(Project project, Run run) {
        return sources(project, run).compute();
    }

    /**
     * The two model files a run's diff reads, resolved against the project now: the project belongs to
     * one thread, while reading the models can happen on another.
     *
     * @throws IllegalArgumentException in plain words when the run has no model or there is nothing to
     *                                  compare it with
     */
    public static Sources sources(Project project, Run run) {
        if (run.modelFile() == null) {
            throw new IllegalArgumentException("“" + run.name() + "” has no model to look at"
                    + (run.message() == null ? " (it made none)." : ": " + run.message()));
        }
        String start = startingModel(project, run).orElseThrow(() -> new IllegalArgumentException(
                "The project has no baseline model to compare “" + run.name() + "” with; open the model first."));
        return new Sources(run.name(), project.resolve(start), project.resolve(run.modelFile()));
    }

    /** A run's model and the model it started from, as files. */
    public record Sources(String runName, Path before, Path after) {
        /** Reads both models and compares them; a file that cannot be read is named in plain words. */
        public ModelDiff compute() {
            ModelFile b = load(before, "the model “" + runName + "” started from");
            ModelFile a = load(after, "the model of “" + runName + "”");
            return of(b, a);
        }
    }

    /** The model path a run started from: its parent run's model, else the project's baseline model. */
    public static Optional<String> startingModel(Project project, Run run) {
        if (run.parentRunId() != null) {
            Optional<String> parentModel = project.run(run.parentRunId()).map(Run::modelFile);
            if (parentModel.isPresent()) {
                return parentModel;
            }
        }
        return Optional.ofNullable(project.baselineModel());
    }

    private static ModelFile load(Path file, String what) {
        try {
            return ModelFile.load(file);
        } catch (OnnxFormatException | org.compresslab.runtime.InferenceException | org.compresslab.graph.GraphException e) {
            throw new IllegalArgumentException("Cannot read " + what + ": " + e.getMessage(), e);
        }
    }
}

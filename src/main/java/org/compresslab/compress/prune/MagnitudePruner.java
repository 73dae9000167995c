package org.compresslab.compress.prune;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.FineTuning;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TrainingParameters;
import org.compresslab.eval.stats.SizeStatistics;
import org.compresslab.graph.Graph;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.train.ValueTransform;

/**
 * {@code prune.magnitude}: unstructured pruning. Sets the smallest-magnitude weights of the Conv, Gemm
 * and MatMul layers to zero — per layer or over the whole model — in one or several steps, optionally
 * fine-tuning between them with the zeros held in place. The tensors keep their shapes: the file
 * compresses better, but a dense runtime does the same arithmetic, so latency does not change.
 */
public final class MagnitudePruner implements Technique {
    public static final String ID = "prune.magnitude";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.PRUNING,
            "Magnitude pruning (unstructured)",
            "Sets the weights with the smallest absolute values to exactly zero, until the chosen share of each "
                    + "layer's weights (scope 'layer') or of all weights together (scope 'global', which prunes "
                    + "redundant layers harder) is zero. With several steps the share grows step by step, with "
                    + "fine-tuning in between while the zeros are held in place, so the network can adapt. The "
                    + "weight tensors keep their shapes: the zeros are still stored and still multiplied.",
            "Non-zero parameters fall to (1 − sparsity); the zipped file shrinks accordingly, the .onnx file does "
                    + "not. Latency is unchanged on dense runtimes such as ONNX Runtime on CPU. Up to about 50–80% "
                    + "sparsity costs little accuracy, more with fine-tuning.",
            params(), true);

    private static List<ParameterSpec> params() {
        List<ParameterSpec> p = new ArrayList<>(List.of(
                ParameterSpec.number("sparsity", 0, 0.99, 0.5, "Share of the weights set to zero at the end."),
                ParameterSpec.choice("scope", "layer", List.of("layer", "global"),
                        "'layer': every layer loses the same share; 'global': one threshold for all weights."),
                ParameterSpec.integer("steps", 1, 20, 1,
                        "Prune in this many equal steps, fine-tuning after each when epochs > 0."),
                ParameterSpec.textList("exclude", "Node names or op types whose weights are left dense.")));
        p.addAll(TrainingParameters.specs(0, 0, 0.005,
                "Epochs of fine-tuning after each step (0 = none), with pruned weights held at zero."));
        return p;
    }

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        Graph g = model.copy();
        PrunableWeights weights = PrunableWeights.of(g, p.textList("exclude"));
        if (weights.names().isEmpty()) {
            throw new CompressionException("no Conv, Gemm or MatMul weights to prune (all excluded or none in the model)");
        }
        long nonZeroBefore = weights.nonZero(g);
        byte[] before = OnnxWriter.toBytes(model);
        MagnitudeMasks[] masks = new MagnitudeMasks[1];
        boolean global = p.choice("scope").equals("global");
        IterativePruning.Result run = IterativePruning.run(g, p, p.number("sparsity"), ctx, new IterativePruning.Step() {
            @Override
            public ValueTransform prune(Graph graph, int step, int steps, double target) {
                masks[0] = MagnitudeMasks.compute(graph, weights, target, global);
                masks[0].applyTo(graph);
                return masks[0].asTransform();
            }

            @Override
            public void afterFineTuning(Graph graph) {
                masks[0].applyTo(graph); // exact zeros whatever the optimiser did
            }
        });
        g = run.model();
        int steps = p.integer("steps");
        List<String> warnings = run.warnings();
        List<FineTuning.FineTuneReport> tuning = run.fineTuning();
        byte[] after = OnnxWriter.toBytes(g);
        Map<String, LayerSparsity> layers = new LinkedHashMap<>();
        for (String w : weights.names()) {
            layers.put(w, LayerSparsity.of(weights.layerOf(w), g.initializer(w).orElseThrow()));
        }
        ctx.progress().progress(1.0, "pruned");
        return new TechniqueOutcome(g, new MagnitudeReport(p.number("sparsity"), p.choice("scope"), steps,
                weights.total(g), nonZeroBefore, weights.nonZero(g), before.length, after.length,
                SizeStatistics.gzipSize(before), SizeStatistics.gzipSize(after), List.copyOf(layers.values()), tuning),
                warnings);
    }

    /**
     * @param prunableWeights     weights of the layers considered
     * @param nonZeroBefore       their non-zero count before, and {@code nonZeroAfter} after
     * @param gzipBytesBefore     the serialized model compressed with gzip: what sparsity really saves on disk
     */
    public record MagnitudeReport(double sparsity, String scope, int steps, long prunableWeights, long nonZeroBefore,
                                  long nonZeroAfter, long bytesBefore, long bytesAfter, long gzipBytesBefore,
                                  long gzipBytesAfter, List<LayerSparsity> layers,
                                  List<FineTuning.FineTuneReport> fineTuning) {
    }
}

package org.compresslab.study;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.ToDoubleFunction;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TechniqueRegistry;
import org.compresslab.compress.lowrank.LowRankSensitivity;
import org.compresslab.compress.prune.ChannelDependencies;
import org.compresslab.compress.prune.PruningSensitivity;
import org.compresslab.compress.quantize.QuantizationSensitivity;
import org.compresslab.graph.Graph;
import org.compresslab.progress.CancellationToken;
import org.compresslab.progress.ProgressListener;
import org.compresslab.runtime.RuntimeOptions;

/**
 * Measures a {@link LayerAtlas}: runs each per-layer sensitivity analysis on the baseline, with its
 * default parameters except the number of probe images, and merges their reports. An analysis that
 * cannot apply to the model (e.g. nothing can be channel-pruned) leaves its family out with a warning;
 * only when none can run does the scan fail.
 */
public final class LayerAtlasScan {
    /** The CLI's default seed, so {@code compress} with the same analysis reproduces the numbers. */
    static final long SEED = 1;
    private static final String IMAGES = "images";

    /** One analysis the atlas runs: its technique, how its report becomes a family, and its rough cost. */
    private record Analysis(String technique, BiFunction<Object, List<String>, FamilyScan> family,
                            ToDoubleFunction<Graph> evaluations) {
    }

    private static final List<Analysis> ANALYSES = List.of(
            new Analysis(QuantizationSensitivity.ID,
                    (r, w) -> AtlasFamilies.quantization((QuantizationSensitivity.SensitivityReport) r, w),
                    // one scoring per layer, the all-int8 one, and calibration
                    g -> weightedLayers(g) + 3),
            new Analysis(PruningSensitivity.ID,
                    (r, w) -> AtlasFamilies.pruning((PruningSensitivity.PruningSensitivityReport) r, w),
                    g -> 9.0 * ChannelDependencies.analyse(g).prunableGroups().size() + 1),
            new Analysis(LowRankSensitivity.ID,
                    (r, w) -> AtlasFamilies.lowRank((LowRankSensitivity.LowRankSensitivityReport) r, w),
                    g -> 3.0 * LowRankSensitivity.layerCount(g) + 1));

    private final TechniqueRegistry registry;

    public LayerAtlasScan(TechniqueRegistry registry) {
        this.registry = registry;
    }

    /** Probe images the analyses use by default. */
    public int defaultProbeImages() {
        return (Integer) imagesSpecs().get(0).defaultValue();
    }

    /** The fewest probe images every analysis accepts. */
    public int minProbeImages() {
        return (int) imagesSpecs().stream().mapToDouble(ParameterSpec::min).max().orElseThrow();
    }

    /** The most probe images every analysis accepts. */
    public int maxProbeImages() {
        return (int) imagesSpecs().stream().mapToDouble(ParameterSpec::max).min().orElseThrow();
    }

    private List<ParameterSpec> imagesSpecs() {
        return ANALYSES.stream().map(a -> registry.find(a.technique()).descriptor().parameter(IMAGES).orElseThrow())
                .toList();
    }

    /**
     * @param probeImages the first this many evaluation images score every variant
     * @throws CompressionException when no analysis applies to the model, saying why for each
     * @throws org.compresslab.progress.CancelledException when cancelled
     */
    public LayerAtlas run(AtlasInputs inputs, int probeImages, ProgressListener progress, CancellationToken cancel) {
        progress.progress(-1, "opening the data");
        AtlasInputs.Data data = inputs.data().get();
        cancel.throwIfCancelled();
        Graph model = inputs.baseline().editableGraph("be scanned layer by layer");
        double[] cost = ANALYSES.stream().mapToDouble(a -> a.evaluations().applyAsDouble(model)).toArray();
        double total = java.util.Arrays.stream(cost).sum();
        List<FamilyScan> scans = new ArrayList<>();
        List<String> warnings = new ArrayList<>(data.notes());
        List<String> failures = new ArrayList<>();
        double from = 0;
        for (int i = 0; i < ANALYSES.size(); i++) {
            Analysis a = ANALYSES.get(i);
            double to = from + cost[i] / total;
            Technique t = registry.find(a.technique());
            CompressionContext ctx = new CompressionContext(inputs.preprocessing(), data.training(), data.evaluation(),
                    RuntimeOptions.defaults(), SEED, scaled(progress, from, to, t.descriptor().title()), null, cancel);
            try {
                TechniqueOutcome o = t.apply(model, StepParameters.validate(t.descriptor(), Map.of(IMAGES, probeImages)),
                        ctx);
                scans.add(a.family().apply(o.report(), o.warnings()));
            } catch (CompressionException e) {
                String why = t.descriptor().title() + " could not run on this model: " + e.getMessage();
                warnings.add(why);
                failures.add(why);
            }
            from = to;
        }
        if (scans.isEmpty()) {
            throw new CompressionException(String.join("; ", failures));
        }
        progress.progress(1.0, "done");
        return LayerAtlas.merge(inputs.baseline().displayName(), model, scans, warnings);
    }

    private static ProgressListener scaled(ProgressListener p, double from, double to, String label) {
        return (f, m) -> p.progress(f < 0 ? f : from + (to - from) * f, label + ": " + m);
    }

    private static int weightedLayers(Graph g) {
        return g.nodesOfType("Conv").size() + g.nodesOfType("Gemm").size() + g.nodesOfType("MatMul").size();
    }
}

package org.compresslab.compress.lowrank;

import java.util.ArrayList;
import java.util.List;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.ProbeImages;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.graph.Graph;

/**
 * {@code lowrank.sensitivity}: an analysis. Factorizes one layer at a time — Gemm/MatMul and 1×1
 * convolutions by truncated SVD, k×k convolutions by Tucker-2 — with 25%, 50% and 75% of its rank removed
 * and no fine-tuning, and reports how far the factors are from the weight and what each variant costs in
 * top-1 on the evaluation images. The model is left as it was.
 */
public final class LowRankSensitivity implements Technique {
    public static final String ID = "lowrank.sensitivity";

    /** Shares of each layer's rank removed (so the curves rise left to right, like pruning's). */
    static final double[] REMOVED = {0.25, 0.5, 0.75};

    static final List<FactorizableLayers.Kind> KINDS = List.of(FactorizableLayers.Kind.MATRICES,
            FactorizableLayers.Kind.CONVOLUTIONS);

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.LOW_RANK,
            "Low-rank sensitivity per layer",
            "For each layer low-rank factorization can replace (Gemm and MatMul by truncated SVD, convolutions by "
                    + "Tucker-2, 1×1 convolutions by SVD), keeps 75%, 50% and 25% of its rank with every other "
                    + "layer intact and no fine-tuning, and measures the relative reconstruction error of its "
                    + "weight and the accuracy on evaluation images. Flat curves mark layers that are nearly low "
                    + "rank already; steep ones, layers to leave whole. Depthwise and grouped convolutions are not "
                    + "scanned.",
            "One curve per layer; wide fully connected layers usually tolerate much lower ranks than the first "
                    + "convolutions. A variant is measured even where its factors would hold more weights than the "
                    + "layer (the point says so). The model is not changed.",
            List.of(ParameterSpec.integer("images", 100, 10_000, 1000,
                    "Evaluation images each variant is scored on.")), false);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    /** Layers the scan would measure, for cost estimates (no decomposition is done). */
    public static int layerCount(Graph model) {
        return FactorizableLayers.count(model, KINDS);
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        ctx.progress().progress(0, "decomposing weights");
        FactorizableLayers.Found found = FactorizableLayers.find(model, KINDS, n -> false);
        List<String> leftAlone = found.leftAlone().stream().map(SkippedLayer::describe).toList();
        if (found.layers().isEmpty()) {
            throw new CompressionException("no layer can be factorized: " + (leftAlone.isEmpty()
                    ? "the model has no convolution and no Gemm or MatMul with a stored weight"
                    : String.join("; ", leftAlone)));
        }
        ProbeImages probe = ProbeImages.of(model, ctx.evaluationData(), ctx.preprocessing(), p.integer("images"),
                ctx.runtime(), ctx.cancel());
        List<LayerCurve> curves = new ArrayList<>();
        int done = 0;
        int total = found.layers().size() * REMOVED.length;
        for (FactorizableLayer layer : found.layers()) {
            List<Point> points = new ArrayList<>();
            for (double removed : REMOVED) {
                ctx.progress().progress(done++ / (double) total,
                        layer.name() + " with " + Math.round(100 * removed) + "% of its rank removed");
                List<Integer> ranks = layer.ranks(RankRule.ofRatio(1 - removed));
                Graph g = model.copy();
                layer.replace(g, ranks);
                g.removeUnusedInitializers();
                ProbeImages.Score s = probe.score(g, ctx.cancel());
                points.add(new Point(removed, ranks, layer.relativeError(ranks), layer.paramsAfter(ranks),
                        layer.macsAfter(ranks), s.accuracy(), probe.referenceAccuracy() - s.accuracy(),
                        s.agreement().top1Agreement()));
            }
            curves.add(new LayerCurve(layer.name(), layer.node().opType(), layer.method(), layer.weightShape(),
                    layer.fullRanks(), layer.paramsBefore(), layer.macsBefore(), points));
        }
        ctx.progress().progress(1.0, "scanned " + curves.size() + " layers");
        return new TechniqueOutcome(model, new LowRankSensitivityReport(probe.size(), probe.referenceAccuracy(), curves,
                leftAlone), List.of());
    }

    /**
     * One layer factorized with {@code rankRemoved} of its rank gone ({@code ranks} kept).
     *
     * @param relativeError ‖W − Ŵ‖_F / ‖W‖_F
     * @param paramsAfter   the factors' weights (may exceed the layer's: no saving at that rank)
     * @param accuracyDrop  top-1 drop from the unchanged model, a fraction
     */
    public record Point(double rankRemoved, List<Integer> ranks, double relativeError, long paramsAfter,
                        long macsAfter, double accuracy, double accuracyDrop, double top1Agreement) {
        public Point {
            ranks = List.copyOf(ranks);
        }
    }

    /** One layer's curve, with its weight's shape, full ranks, weights and MACs before. */
    public record LayerCurve(String layer, String op, String method, List<Long> weightShape, List<Integer> fullRanks,
                             long params, long macs, List<Point> points) {
        public LayerCurve {
            weightShape = List.copyOf(weightShape);
            fullRanks = List.copyOf(fullRanks);
            points = List.copyOf(points);
        }
    }

    /**
     * @param leftAlone weighted layers not scanned, each with the reason
     */
    public record LowRankSensitivityReport(int images, double floatAccuracy, List<LayerCurve> layers,
                                           List<String> leftAlone) {
        public LowRankSensitivityReport {
            layers = List.copyOf(layers);
            leftAlone = List.copyOf(leftAlone);
        }
    }
}

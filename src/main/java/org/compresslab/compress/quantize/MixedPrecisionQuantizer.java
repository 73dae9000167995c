package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.ProbeImages;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.data.Subsets;
import org.compresslab.graph.Graph;

/**
 * {@code quantize.mixed}: static int8 with the fewest layers kept in float such that the accuracy drop
 * stays within {@code max_drop}. Layers go back to float in order of their measured sensitivity, one at
 * a time, until the drop is small enough. Every decision is measured on images of the training split, so
 * the evaluation split that later judges the result played no part in choosing it.
 */
public final class MixedPrecisionQuantizer implements Technique {
    public static final String ID = "quantize.mixed";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.QUANTIZATION,
            "Mixed precision (int8 with sensitive layers in float)",
            "Measures how much each layer loses when it alone is quantized, then quantizes the whole model and, "
                    + "while the accuracy drop is larger than allowed, puts the most sensitive remaining layer back "
                    + "in float. The result keeps as many layers in int8 as the accuracy budget allows. Decisions "
                    + "are measured on training images, not on the evaluation images.",
            "Accuracy close to the float model; size and speed between the float and the fully int8 model, "
                    + "depending on how many layers had to stay float (often only the first or the last few).",
            StaticInt8Quantizer.concat(StaticInt8Quantizer.CALIBRATION_PARAMETERS, List.of(
                    StaticInt8Quantizer.PER_CHANNEL,
                    ParameterSpec.number("max_drop", 0, 20, 0.5,
                            "The largest accuracy drop allowed, in percentage points, against the float model."),
                    ParameterSpec.integer("images", 200, 20_000, 2000,
                            "Training images (drawn at random) on which each candidate is scored."))), true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        CalibrationSettings cal = CalibrationSettings.from(p);
        boolean perChannel = p.bool("per_channel");
        double maxDrop = p.number("max_drop") / 100.0;
        CalibratedModel calibrated = CalibratedModel.calibrate(model, cal.samples(), cal.needsHistograms(),
                ctx.withProgress(ctx.progressBetween(0, 0.15)));
        int n = Math.min(p.integer("images"), ctx.trainingData().size());
        // a different seed from calibration's: scoring images are not the calibration images
        int[] indices = Subsets.randomSample(ctx.trainingData().size(), n, ctx.seed() + 7919);
        ProbeImages probe = ProbeImages.of(calibrated.floatModel(), ctx.trainingData(), ctx.preprocessing(), indices,
                ctx.runtime(), ctx.cancel());
        List<Attempt> trace = new ArrayList<>();
        Set<String> floatLayers = new HashSet<>();
        CalibratedModel.QuantizedVariant best = attempt(calibrated, floatLayers, cal, perChannel, probe, trace, ctx);
        List<LayerSensitivity> sensitivity = List.of();
        List<String> warnings = new ArrayList<>();
        if (drop(trace) > maxDrop) {
            sensitivity = SensitivityScan.run(calibrated, probe, cal, perChannel, ctx, 0.2, 0.6);
            List<LayerSensitivity> order = new ArrayList<>(sensitivity);
            order.sort(Comparator.comparingDouble(LayerSensitivity::accuracyDrop)
                    .thenComparingDouble(LayerSensitivity::meanKl).reversed());
            int bestIndex = 0;
            for (int i = 0; i < order.size() - 1 && drop(trace) > maxDrop; i++) {
                ctx.progress().progress(0.6 + 0.4 * i / order.size(), "keeping " + (i + 1) + " layers in float");
                floatLayers.add(order.get(i).layer());
                CalibratedModel.QuantizedVariant v = attempt(calibrated, floatLayers, cal, perChannel, probe, trace, ctx);
                // the first mix within budget ends the search; until then keep the most accurate one
                if (drop(trace) <= maxDrop || trace.get(trace.size() - 1).accuracy() > trace.get(bestIndex).accuracy()) {
                    bestIndex = trace.size() - 1;
                    best = v;
                }
            }
            if (trace.get(bestIndex).accuracyDrop() > maxDrop) {
                warnings.add(String.format(java.util.Locale.ROOT, "no mix met the %.2f-point budget; kept the most "
                        + "accurate one tried (drop %.2f points on the scoring images)", 100 * maxDrop,
                        100 * trace.get(bestIndex).accuracyDrop()));
            }
        }
        CalibratedModel.QuantizedVariant chosen = best;
        List<String> keptFloat = calibrated.layerNames().stream().filter(l -> !chosen.quantizedLayers().contains(l))
                .toList();
        ctx.progress().progress(1.0, keptFloat.size() + " layers kept in float");
        return new TechniqueOutcome(chosen.model(), new MixedReport(100 * maxDrop, probe.size(), probe.referenceAccuracy(),
                trace.get(0).accuracy(), keptFloat, QuantizedLayer.list(chosen), trace, sensitivity), warnings);
    }

    private static CalibratedModel.QuantizedVariant attempt(CalibratedModel m, Set<String> floatLayers,
                                                           CalibrationSettings cal, boolean perChannel,
                                                           ProbeImages probe, List<Attempt> trace,
                                                           CompressionContext ctx) {
        Set<String> keep = Set.copyOf(floatLayers);
        CalibratedModel.QuantizedVariant v = m.quantize(n -> !keep.contains(n.name()), cal.method(), cal.percentile(),
                cal.type(), perChannel);
        ProbeImages.Score s = probe.score(v.model(), ctx.cancel());
        trace.add(new Attempt(keep.size(), List.copyOf(floatLayers), s.accuracy(),
                probe.referenceAccuracy() - s.accuracy()));
        return v;
    }

    private static double drop(List<Attempt> trace) {
        return trace.get(trace.size() - 1).accuracyDrop();
    }

    /** One candidate tried: the layers it kept in float and its accuracy on the scoring images. */
    public record Attempt(int floatLayerCount, List<String> floatLayers, double accuracy, double accuracyDrop) {
    }

    /**
     * @param maxDropPoints        the budget, in percentage points
     * @param images               training images each candidate was scored on
     * @param allQuantizedAccuracy accuracy on them with every layer in int8
     * @param sensitivity          per-layer drops, measured only when full int8 missed the budget
     */
    public record MixedReport(double maxDropPoints, int images, double floatAccuracy, double allQuantizedAccuracy,
                              List<String> floatLayers, List<QuantizedLayer> quantizedLayers, List<Attempt> trace,
                              List<LayerSensitivity> sensitivity) {
    }
}

package org.compresslab.compress.quantize;

import java.util.List;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.ProbeImages;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.graph.Graph;

/**
 * {@code quantize.sensitivity}: an analysis. Quantizes each layer on its own (static int8, as
 * {@code quantize.static-int8} would) and reports the accuracy drop and output agreement per layer, on
 * the evaluation images; the model itself is left as it was.
 */
public final class QuantizationSensitivity implements Technique {
    public static final String ID = "quantize.sensitivity";

    static final ParameterSpec IMAGES = ParameterSpec.integer("images", 100, 10_000, 1000,
            "Images each variant is scored on (the first ones of the evaluation split). 1,000 images resolve "
                    + "drops of about half a point.");

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.QUANTIZATION,
            "Quantization sensitivity per layer",
            "Quantizes one layer at a time to int8 — its weights and the activations around it, calibrated as "
                    + "static int8 quantization does — and measures what that alone costs: the accuracy drop and "
                    + "how often the prediction still matches the float model. The model is not changed; the "
                    + "table shows which layers to keep in float.",
            "A table with one row per Conv/Gemm/MatMul layer; the first layer, depthwise convolutions and "
                    + "attention are usually the most sensitive. Takes one evaluation of the probe images per layer.",
            StaticInt8Quantizer.concat(StaticInt8Quantizer.CALIBRATION_PARAMETERS,
                    List.of(StaticInt8Quantizer.PER_CHANNEL, IMAGES)), false);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        CalibrationSettings cal = CalibrationSettings.from(p);
        CalibratedModel calibrated = CalibratedModel.calibrate(model, cal.samples(), cal.needsHistograms(),
                ctx.withProgress(ctx.progressBetween(0, 0.2)));
        ProbeImages probe = ProbeImages.of(calibrated.floatModel(), ctx.evaluationData(), ctx.preprocessing(),
                p.integer("images"), ctx.runtime(), ctx.cancel());
        List<LayerSensitivity> layers = SensitivityScan.run(calibrated, probe, cal, p.bool("per_channel"), ctx, 0.2, 0.95);
        ProbeImages.Score all = probe.score(calibrated.quantize(n -> true, cal.method(), cal.percentile(), cal.type(),
                p.bool("per_channel")).model(), ctx.cancel());
        ctx.progress().progress(1.0, "scanned " + layers.size() + " layers");
        return new TechniqueOutcome(model, new SensitivityReport(probe.size(), probe.referenceAccuracy(),
                all.accuracy(), layers), List.of());
    }

    /**
     * @param images               images each variant was scored on
     * @param floatAccuracy        the float model's accuracy on them
     * @param allQuantizedAccuracy accuracy with every layer quantized, for comparison
     */
    public record SensitivityReport(int images, double floatAccuracy, double allQuantizedAccuracy,
                                    List<LayerSensitivity> layers) {
    }
}

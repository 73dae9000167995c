package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxWriter;

/** {@code quantize.static-int8}: post-training static quantization in ONNX's QDQ form. */
public final class StaticInt8Quantizer implements Technique {
    public static final String ID = "quantize.static-int8";

    static final List<ParameterSpec> CALIBRATION_PARAMETERS = List.of(
            ParameterSpec.choice("calibration", "percentile", CalibrationMethod.ids(),
                    "How each activation's range is chosen from the calibration images: 'minmax' keeps every "
                            + "value ever seen (one outlier widens the range and coarsens every step); "
                            + "'percentile' ignores the rarest values; 'entropy' keeps the range whose quantized "
                            + "histogram loses the least information (KL divergence); 'mse' keeps the range with "
                            + "the smallest mean squared error after rounding and clipping."),
            ParameterSpec.number("percentile", 90, 100, 99.99,
                    "For 'percentile': the share of values (in %) inside the range; the rest are clipped."),
            ParameterSpec.integer("samples", 8, 10_000, 512,
                    "Calibration images, drawn at random from the training split. A few hundred suffice."),
            ParameterSpec.choice("activations", "uint8", List.of("uint8", "int8"),
                    "Integer type of activations. uint8 (asymmetric) is what ONNX Runtime's x86 kernels are "
                            + "fastest with."));

    static final ParameterSpec PER_CHANNEL = ParameterSpec.bool("per_channel", true,
            "One weight scale per output channel (more accurate) instead of one per layer.");

    static final ParameterSpec EXCLUDE = ParameterSpec.textList("exclude",
            "Node names or op types to keep in float, e.g. the first convolution or 'MatMul'.");

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.QUANTIZATION,
            "Static int8 quantization",
            "Stores weights as 8-bit integers with one scale per output channel and runs activations as 8-bit "
                    + "integers too, with ranges measured beforehand on calibration images. BatchNorms are folded "
                    + "into the convolutions first. The model is written in ONNX's QDQ form "
                    + "(QuantizeLinear/DequantizeLinear around each layer), which ONNX Runtime turns into "
                    + "integer kernels (QLinearConv, QGemm, QLinearAdd …).",
            "File about 4× smaller; on CPUs with int8 dot-product instructions, convolution-heavy models run about "
                    + "1.5–2× faster at batch 1; accuracy usually drops by well under a point for CNNs, more for "
                    + "depthwise convolutions and transformers.",
            concat(CALIBRATION_PARAMETERS, List.of(PER_CHANNEL, EXCLUDE)), true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        CalibrationSettings cal = CalibrationSettings.from(p);
        List<String> warnings = new ArrayList<>();
        CalibratedModel calibrated = CalibratedModel.calibrate(model, cal.samples(), cal.needsHistograms(),
                ctx.withProgress(ctx.progressBetween(0, 0.9)));
        Predicate<Node> include = Exclusions.of(p.textList("exclude"), calibrated.floatModel(), warnings);
        CalibratedModel.QuantizedVariant q = calibrated.quantize(include, cal.method(), cal.percentile(), cal.type(),
                p.bool("per_channel"));
        ctx.progress().progress(0.95, "checking what ONNX Runtime fuses");
        RuntimeFusion fusion = RuntimeFusion.of(OnnxWriter.toBytes(q.model()));
        if (fusion.integerKernels() == 0) {
            warnings.add("ONNX Runtime fused no quantized layer into an integer kernel: expect no speed-up");
        }
        List<String> floatLayers = calibrated.layerNames().stream().filter(n -> !q.quantizedLayers().contains(n))
                .toList();
        ctx.progress().progress(1.0, "quantized " + q.quantizedLayers().size() + " layers");
        return new TechniqueOutcome(q.model(), new StaticInt8Report(cal.method().id(), cal.percentile(),
                calibrated.statistics().images(), cal.type().name().toLowerCase(java.util.Locale.ROOT),
                p.bool("per_channel"), calibrated.foldedBatchNorms(), QuantizedLayer.list(q), floatLayers,
                q.activationPairs(), fusion.opCounts(), fusion.integerKernels(), fusion.leftoverQdq()), warnings);
    }

    static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    /** What static int8 quantization did: for the report and the JSON. */
    public record StaticInt8Report(String calibration, double percentile, int calibrationImages, String activations,
                                   boolean perChannel, int foldedBatchNorms, List<QuantizedLayer> quantizedLayers,
                                   List<String> floatLayers, int activationQdqPairs, Map<String, Integer> runtimeOps,
                                   int integerKernels, int leftoverQdq) {
    }
}

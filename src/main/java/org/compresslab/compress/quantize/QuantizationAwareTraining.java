package org.compresslab.compress.quantize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.compresslab.compress.CompressionContext;
import org.compresslab.compress.CompressionException;
import org.compresslab.compress.StepParameters;
import org.compresslab.compress.Technique;
import org.compresslab.compress.TechniqueDescriptor;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.TechniqueOutcome;
import org.compresslab.compress.TrainingParameters;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.onnx.OnnxWriter;
import org.compresslab.train.EpochStats;
import org.compresslab.train.LossFunction;
import org.compresslab.train.ModelTrainer;
import org.compresslab.train.TrainedModel;

/**
 * {@code quantize.qat}: quantization-aware training. Calibrates as static int8 does, trains the
 * BatchNorm-folded model with fake quantization on exactly the tensors the QDQ model will quantize
 * (straight-through estimator), then exports the trained weights as a QDQ model with the calibrated
 * activation ranges it trained under.
 */
public final class QuantizationAwareTraining implements Technique {
    public static final String ID = "quantize.qat";

    private static final TechniqueDescriptor DESCRIPTOR = new TechniqueDescriptor(ID, TechniqueFamily.QUANTIZATION,
            "Quantization-aware training",
            "Fine-tunes the model while it already computes with int8 rounding: weights and activations are "
                    + "rounded in the forward pass exactly as the int8 model will round them, and the gradient "
                    + "passes through the rounding as if it were not there (straight-through estimator). The "
                    + "network learns weights that tolerate the rounding, then is exported as a static int8 QDQ "
                    + "model. BatchNorms are folded first, so training sees the folded weights that are deployed.",
            "Recovers most of what plain post-training int8 loses, at the cost of training time; the file and "
                    + "speed are those of static int8.",
            StaticInt8Quantizer.concat(StaticInt8Quantizer.concat(StaticInt8Quantizer.CALIBRATION_PARAMETERS,
                    List.of(StaticInt8Quantizer.PER_CHANNEL, StaticInt8Quantizer.EXCLUDE)),
                    TrainingParameters.specs(2, 0.001)), true);

    @Override
    public TechniqueDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public TechniqueOutcome apply(Graph model, StepParameters p, CompressionContext ctx) {
        CalibrationSettings cal = CalibrationSettings.from(p);
        boolean perChannel = p.bool("per_channel");
        List<String> warnings = new ArrayList<>();
        CalibratedModel calibrated = CalibratedModel.calibrate(model, cal.samples(), cal.needsHistograms(),
                ctx.withProgress(ctx.progressBetween(0, 0.05)));
        Graph folded = calibrated.floatModel();
        Predicate<Node> include = Exclusions.of(p.textList("exclude"), folded, warnings);
        QuantizationPlan plan = QuantizationPlan.of(folded, include);
        if (plan.weightedLayers().isEmpty()) {
            throw new CompressionException("nothing left to quantize: every quantizable layer is excluded");
        }
        Map<String, TensorRange> ranges = calibrated.statistics().ranges(plan.calibratedTensors(), cal.method(),
                cal.percentile(), cal.type());
        Map<String, QuantParams> params = new LinkedHashMap<>();
        ranges.forEach((t, r) -> params.put(t, cal.type().params(r)));
        plan.sharedRanges().forEach((t, source) -> params.put(t, params.get(source)));

        TrainedModel trained = ModelTrainer.train(folded, ctx.trainingData(), ctx.preprocessing(),
                TrainingParameters.config(p, ctx.seed()), TrainingParameters.listener(ctx, 0.05, 0.95),
                LossFunction.CROSS_ENTROPY, new FakeQuantization(folded, plan, params, perChannel), ctx.cancel());
        if (trained.result().diverged()) {
            warnings.add(trained.result().message());
        }
        Graph out = trained.graph();
        QuantizationPlan exportPlan = QuantizationPlan.of(out, include);
        List<String> layers = exportPlan.weightedLayers().stream().map(Node::name).toList();
        QdqInserter.apply(out, exportPlan, ranges, cal.type(), perChannel);
        ctx.progress().progress(0.97, "checking what ONNX Runtime fuses");
        RuntimeFusion fusion = RuntimeFusion.of(OnnxWriter.toBytes(out));
        ctx.progress().progress(1.0, "trained and quantized " + layers.size() + " layers");
        return new TechniqueOutcome(out, new QatReport(cal.method().id(), calibrated.statistics().images(),
                calibrated.foldedBatchNorms(), p.integer("epochs"), p.number("lr"), p.choice("optimizer"),
                trained.result().epochs(), trained.result().keptEpoch(), QuantizedLayer.list(out, layers),
                fusion.opCounts(), fusion.integerKernels()), warnings);
    }

    /**
     * @param history    each epoch's training and validation figures, with fake quantization on
     * @param keptEpoch  the epoch whose weights were exported (best validation accuracy)
     */
    public record QatReport(String calibration, int calibrationImages, int foldedBatchNorms, int epochs,
                            double learningRate, String optimizer, List<EpochStats> history, int keptEpoch,
                            List<QuantizedLayer> quantizedLayers, Map<String, Integer> runtimeOps,
                            int integerKernels) {
    }
}

package org.compresslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.quantize.LayerSensitivity;
import org.compresslab.compress.quantize.MixedPrecisionQuantizer;
import org.compresslab.compress.quantize.QuantizationAwareTraining;
import org.compresslab.compress.quantize.QuantizationSensitivity;
import org.compresslab.compress.quantize.StaticInt8Quantizer;

/** The text form of a step's report: tables for the reports people read as tables, one line otherwise. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(PrintWriter out, int step, StepResult s) {
        Object r = s.report();
        if (r instanceof QuantizationSensitivity.SensitivityReport q) {
            out.printf(Locale.ROOT, "step %d, %s: %d evaluation images; float %.2f%%, every layer int8 %.2f%%%n",
                    step, s.technique(), q.images(), 100 * q.floatAccuracy(), 100 * q.allQuantizedAccuracy());
            sensitivityTable(out, q.layers());
        } else if (r instanceof MixedPrecisionQuantizer.MixedReport m) {
            out.printf(Locale.ROOT, "step %d, %s: budget %.2f points on %d training images (float %.2f%%, all int8 "
                            + "%.2f%%); kept in float: %s%n", step, s.technique(), m.maxDropPoints(), m.images(),
                    100 * m.floatAccuracy(), 100 * m.allQuantizedAccuracy(),
                    m.floatLayers().isEmpty() ? "none" : String.join(", ", m.floatLayers()));
        } else if (r instanceof StaticInt8Quantizer.StaticInt8Report q) {
            out.printf(Locale.ROOT, "step %d, %s: %d layers int8 (%s calibration on %d images), %d BatchNorms folded; "
                            + "ONNX Runtime runs %d integer kernels, %d QDQ left: %s%n", step, s.technique(),
                    q.quantizedLayers().size(), q.calibration(), q.calibrationImages(), q.foldedBatchNorms(),
                    q.integerKernels(), q.leftoverQdq(), ops(q.runtimeOps()));
        } else if (r instanceof QuantizationAwareTraining.QatReport q) {
            out.printf(Locale.ROOT, "step %d, %s: %d epochs (kept epoch %d), %d layers int8; ONNX Runtime runs %d "
                            + "integer kernels%n", step, s.technique(), q.epochs(), q.keptEpoch(),
                    q.quantizedLayers().size(), q.integerKernels());
        }
    }

    static void sensitivityTable(PrintWriter out, java.util.List<LayerSensitivity> layers) {
        out.printf(Locale.ROOT, "  %-36s %-8s %10s %9s %8s %11s %10s%n", "layer", "op", "weights", "top-1",
                "Δ pt", "agreement", "mean KL");
        for (LayerSensitivity l : layers) {
            out.printf(Locale.ROOT, "  %-36s %-8s %10s %8.2f%% %+8.2f %10.2f%% %10.2e%n", Format.clip(l.layer(), 36),
                    l.op(), Format.count(l.weights()), 100 * l.accuracy(), -100 * l.accuracyDrop(),
                    100 * l.top1Agreement(), l.meanKl());
        }
    }

    private static String ops(Map<String, Integer> counts) {
        return counts.entrySet().stream().map(e -> e.getKey() + "×" + e.getValue()).collect(Collectors.joining(", "));
    }
}

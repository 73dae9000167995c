package org.compresslab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.compresslab.compress.StepResult;
import org.compresslab.compress.prune.ChannelPruner;
import org.compresslab.compress.prune.MagnitudePruner;
import org.compresslab.compress.prune.PruningSensitivity;
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
        } else if (r instanceof ChannelPruner.ChannelReport c) {
            out.printf(Locale.ROOT, "step %d, %s: %s importance, params %s → %s, MACs %s → %s (%.2f×)%n", step,
                    s.technique(), c.importance(), Format.count(c.paramsBefore()), Format.count(c.paramsAfter()),
                    Format.count(c.macsBefore()), Format.count(c.macsAfter()), (double) c.macsAfter() / c.macsBefore());
            c.groups().forEach(gc -> out.printf(Locale.ROOT, "  %-60s %4d → %4d channels%n",
                    Format.clip(String.join(", ", gc.producers()), 60), gc.channelsBefore(), gc.channelsAfter()));
            c.leftAlone().forEach(w -> out.println("  left alone: " + w));
        } else if (r instanceof MagnitudePruner.MagnitudeReport m) {
            out.printf(Locale.ROOT, "step %d, %s: non-zero weights %s → %s (%.2f×); file %s → %s, gzip %s → %s (%.2f×)%n",
                    step, s.technique(), Format.count(m.nonZeroBefore()), Format.count(m.nonZeroAfter()),
                    (double) m.nonZeroAfter() / m.nonZeroBefore(), Format.bytes(m.bytesBefore()),
                    Format.bytes(m.bytesAfter()), Format.bytes(m.gzipBytesBefore()), Format.bytes(m.gzipBytesAfter()),
                    (double) m.gzipBytesAfter() / m.gzipBytesBefore());
        } else if (r instanceof PruningSensitivity.PruningSensitivityReport ps) {
            out.printf(Locale.ROOT, "step %d, %s: top-1 on %d images (float %.2f%%) with one group pruned at 10%%…90%%%n",
                    step, s.technique(), ps.images(), 100 * ps.floatAccuracy());
            for (PruningSensitivity.GroupCurve c : ps.groups()) {
                StringBuilder b = new StringBuilder();
                c.points().forEach(pt -> b.append(String.format(Locale.ROOT, " %5.1f", 100 * pt.accuracy())));
                out.printf(Locale.ROOT, "  %-44s %4d ch:%s%n", Format.clip(String.join(", ", c.producers()), 44),
                        c.channels(), b);
            }
        } else if (r instanceof QuantizationAwareTraining.QatReport q) {
            out.printf(Locale.ROOT, "step %d, %s: %d epochs (kept epoch %d), %d layers int8; ONNX Runtime runs %d "
                            + "integer kernels%n", step, s.technique(), q.epochs(), q.keptEpoch(),
                    q.quantizedLayers().size(), q.integerKernels());
        } else if (r instanceof org.compresslab.compress.lowrank.LowRankReport lr) {
            out.printf(Locale.ROOT, "step %d, %s: %s (%s); %d layers factorized, %d left alone; params %s → %s, "
                            + "MACs %s → %s%n", step, s.technique(), lr.method(), lr.rankRule(), lr.layers().size(),
                    lr.leftAlone().size(), Format.count(lr.paramsBefore()), Format.count(lr.paramsAfter()),
                    Format.count(lr.macsBefore()), Format.count(lr.macsAfter()));
        } else if (r instanceof org.compresslab.compress.distill.DistillationReport d) {
            out.printf(Locale.ROOT, "step %d, %s: %s%n", step, s.technique(), d.summary());
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

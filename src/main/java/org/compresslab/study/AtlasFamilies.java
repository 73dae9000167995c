package org.compresslab.study;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.compresslab.compress.TechniqueFamily;
import org.compresslab.compress.lowrank.LowRankSensitivity;
import org.compresslab.compress.lowrank.LowRankSensitivity.LayerCurve;
import org.compresslab.compress.lowrank.LowRankSensitivity.LowRankSensitivityReport;
import org.compresslab.compress.prune.PruningSensitivity;
import org.compresslab.compress.prune.PruningSensitivity.GroupCurve;
import org.compresslab.compress.prune.PruningSensitivity.PruningSensitivityReport;
import org.compresslab.compress.quantize.LayerSensitivity;
import org.compresslab.compress.quantize.QuantizationSensitivity;
import org.compresslab.compress.quantize.QuantizationSensitivity.SensitivityReport;

/** Turns each sensitivity analysis's report into the atlas's common shape: a family and a measurement per layer. */
public final class AtlasFamilies {
    public static final String QUANTIZATION = "quantization";
    public static final String PRUNING = "pruning";
    public static final String LOW_RANK = "low-rank";

    private AtlasFamilies() {
    }

    /** {@code quantize.sensitivity}: one figure per layer, the drop with only that layer in int8. */
    public static FamilyScan quantization(SensitivityReport report, List<String> warnings) {
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "every layer in int8 at once: top-1 %.2f%% (float %.2f%%)",
                100 * report.allQuantizedAccuracy(), 100 * report.floatAccuracy()));
        notes.addAll(warnings);
        AtlasFamily family = AtlasFamily.of(QUANTIZATION, TechniqueFamily.QUANTIZATION, QuantizationSensitivity.ID,
                "Quantization", "top-1 drop with only this layer in int8", "", List.of(), report.images(),
                report.floatAccuracy(), notes);
        Map<String, LayerMeasurement> layers = new LinkedHashMap<>();
        for (LayerSensitivity l : report.layers()) {
            Map<String, Double> details = new LinkedHashMap<>();
            details.put("top-1 with this layer in int8", l.accuracy());
            details.put("top-1 agreement with float", l.top1Agreement());
            details.put("mean KL divergence from float", l.meanKl());
            details.put("mean cosine with float outputs", l.meanCosine());
            layers.putIfAbsent(l.layer(), LayerMeasurement.of(l.accuracyDrop(), details, List.of(), List.of()));
        }
        return new FamilyScan(family, layers);
    }

    /**
     * {@code prune.sensitivity}: a curve per channel group. Every layer of a group (e.g. the convolutions a
     * residual sum ties together) gets the group's curve and is told which layers share it; its figure is
     * the mean drop over the curve.
     */
    public static FamilyScan pruning(PruningSensitivityReport report, List<String> warnings) {
        List<Double> xs = report.groups().stream().flatMap(g -> g.points().stream())
                .map(PruningSensitivity.Point::ratio).distinct().sorted().toList();
        List<String> notes = new ArrayList<>();
        notes.add("channels ranked by " + report.importance() + "; no fine-tuning after removal");
        report.leftAlone().forEach(s -> notes.add("not scanned: " + s));
        notes.addAll(warnings);
        AtlasFamily family = AtlasFamily.of(PRUNING, TechniqueFamily.PRUNING, PruningSensitivity.ID, "Pruning",
                "mean top-1 drop over the ratios scanned", "channels removed", xs, report.images(),
                report.floatAccuracy(), notes);
        Map<String, LayerMeasurement> layers = new LinkedHashMap<>();
        for (GroupCurve g : report.groups()) {
            List<LayerMeasurement.Point> curve = g.points().stream()
                    .map(p -> new LayerMeasurement.Point(p.ratio(), p.accuracyDrop(), p.top1Agreement(),
                            p.channelsKept() + " of " + g.channels() + " channels kept", Double.NaN))
                    .toList();
            double mean = curve.stream().mapToDouble(LayerMeasurement.Point::accuracyDrop).average().orElse(Double.NaN);
            for (String producer : g.producers()) {
                List<String> others = g.producers().stream().filter(p -> !p.equals(producer)).toList();
                layers.putIfAbsent(producer, LayerMeasurement.of(mean, Map.of("channels", (double) g.channels()), curve,
                        others));
            }
        }
        return new FamilyScan(family, layers);
    }

    /**
     * {@code lowrank.sensitivity}: a curve per layer over the share of its rank removed; its figure is the
     * mean drop over the curve, its details the weight's relative reconstruction error at each point.
     */
    public static FamilyScan lowRank(LowRankSensitivityReport report, List<String> warnings) {
        List<Double> xs = report.layers().stream().flatMap(l -> l.points().stream())
                .map(LowRankSensitivity.Point::rankRemoved).distinct().sorted().toList();
        List<String> notes = new ArrayList<>();
        notes.add("Gemm/MatMul and 1×1 convolutions by truncated SVD, k×k convolutions by Tucker-2; "
                + "no fine-tuning after factorization");
        report.leftAlone().forEach(s -> notes.add("not scanned: " + s));
        notes.addAll(warnings);
        AtlasFamily family = AtlasFamily.of(LOW_RANK, TechniqueFamily.LOW_RANK, LowRankSensitivity.ID, "Low-rank",
                "mean top-1 drop over the ranks scanned", "rank removed", xs, report.images(), report.floatAccuracy(),
                notes);
        Map<String, LayerMeasurement> layers = new LinkedHashMap<>();
        for (LayerCurve l : report.layers()) {
            Map<String, Double> details = new LinkedHashMap<>();
            details.put("weights", (double) l.params());
            List<LayerMeasurement.Point> curve = new ArrayList<>();
            for (LowRankSensitivity.Point p : l.points()) {
                details.put(String.format(Locale.ROOT, "relative error with %.0f%% of the rank removed",
                        100 * p.rankRemoved()), p.relativeError());
                curve.add(new LayerMeasurement.Point(p.rankRemoved(), p.accuracyDrop(), p.top1Agreement(),
                        pointNote(l, p), Double.NaN));
            }
            double mean = curve.stream().mapToDouble(LayerMeasurement.Point::accuracyDrop).average().orElse(Double.NaN);
            layers.putIfAbsent(l.layer(), LayerMeasurement.of(mean, details, curve, List.of()));
        }
        return new FamilyScan(family, layers);
    }

    /** e.g. "Tucker-2 ranks 8×8 of 16×16; 832 of 2,304 weights; relative error 0.56". */
    private static String pointNote(LayerCurve l, LowRankSensitivity.Point p) {
        String method = l.method().equals("svd") ? "SVD rank " : "Tucker-2 ranks ";
        String ranks = String.join("×", p.ranks().stream().map(String::valueOf).toList());
        String full = String.join("×", l.fullRanks().stream().map(String::valueOf).toList());
        String saving = p.paramsAfter() < l.params() ? "" : " (no saving)";
        return String.format(Locale.ROOT, "%s%s of %s; %,d of %,d weights%s; relative error %.2f", method, ranks, full,
                p.paramsAfter(), l.params(), saving, p.relativeError());
    }
}

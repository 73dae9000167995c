package org.compresslab.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One layer's sensitivity in one family.
 *
 * @param score      the figure the heat comes from: an accuracy drop as a fraction (positive = worse)
 * @param details    further measurements by name, in the order they should be shown
 * @param curve      the drop at each strength the family scanned; empty when it scans one
 * @param sharedWith other layers measured together with this one (a pruning group shares its channels),
 *                   so they carry the same numbers
 * @param heat       0 (insensitive) … 1 (the family's most sensitive layer), set when the atlas is built
 */
public record LayerMeasurement(double score, Map<String, Double> details, List<Point> curve, List<String> sharedWith,
                               double heat) {

    public LayerMeasurement {
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
        curve = List.copyOf(curve);
        sharedWith = List.copyOf(sharedWith);
    }

    /** A measurement as an analysis reports it, before the atlas scales its heat. */
    public static LayerMeasurement of(double score, Map<String, Double> details, List<Point> curve,
                                      List<String> sharedWith) {
        return new LayerMeasurement(score, details, curve, sharedWith, Double.NaN);
    }

    /**
     * One point of a curve.
     *
     * @param x            the strength, a fraction (e.g. the share of channels removed)
     * @param accuracyDrop top-1 drop from the unchanged model, a fraction
     * @param agreement    share of images whose prediction matches the unchanged model's
     * @param note         what the strength meant for this layer, e.g. "13 of 16 channels kept"
     * @param heat         0 … 1 against the family's largest drop on any curve
     */
    public record Point(double x, double accuracyDrop, double agreement, String note, double heat) {
    }

    LayerMeasurement withHeat(double scoreScale, double curveScale) {
        List<Point> scaled = curve.stream()
                .map(p -> new Point(p.x(), p.accuracyDrop(), p.agreement(), p.note(), heat(p.accuracyDrop(), curveScale)))
                .toList();
        return new LayerMeasurement(score, details, scaled, sharedWith, heat(score, scoreScale));
    }

    /** A drop against the scale, clipped to [0, 1]: a layer that got better by chance is not "negatively" hot. */
    static double heat(double drop, double scale) {
        return Math.max(0, Math.min(1, drop / scale));
    }
}

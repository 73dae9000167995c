package org.compresslab.study;

import java.util.List;
import org.compresslab.compress.TechniqueFamily;

/**
 * One kind of per-layer sensitivity the atlas shows (quantization, pruning, low-rank) and how it was
 * measured. Every family has one figure per layer (its {@code score}, an accuracy drop); families that scan
 * several strengths also have a curve sampled at {@code curveXs}.
 *
 * @param id             short key, e.g. {@code "quantization"}
 * @param technique      the analysis that measured it, e.g. {@code quantize.sensitivity}
 * @param scoreLabel     what a layer's score is, in words
 * @param curveLabel     what the curve's x is (a fraction shown as a percentage); empty without a curve
 * @param curveXs        the strengths scanned, in order; empty without a curve
 * @param images         images every variant was scored on
 * @param floatAccuracy  the unchanged model's top-1 on those images (fraction)
 * @param notes          what the user should know about the scan (layers it left alone, its settings)
 * @param heatScale      the score that maps to heat 1 (set when the atlas is built)
 * @param curveHeatScale the curve drop that maps to heat 1 (set when the atlas is built)
 */
public record AtlasFamily(String id, TechniqueFamily family, String technique, String title, String scoreLabel,
                          String curveLabel, List<Double> curveXs, int images, double floatAccuracy,
                          List<String> notes, double heatScale, double curveHeatScale) {

    public AtlasFamily {
        curveXs = List.copyOf(curveXs);
        notes = List.copyOf(notes);
    }

    /** A family as an analysis reports it, before the atlas scales its heat. */
    public static AtlasFamily of(String id, TechniqueFamily family, String technique, String title, String scoreLabel,
                                 String curveLabel, List<Double> curveXs, int images, double floatAccuracy,
                                 List<String> notes) {
        return new AtlasFamily(id, family, technique, title, scoreLabel, curveLabel, curveXs, images, floatAccuracy,
                notes, Double.NaN, Double.NaN);
    }

    public boolean hasCurve() {
        return !curveXs.isEmpty();
    }

    AtlasFamily withHeatScales(double score, double curve) {
        return new AtlasFamily(id, family, technique, title, scoreLabel, curveLabel, curveXs, images, floatAccuracy,
                notes, score, curve);
    }
}

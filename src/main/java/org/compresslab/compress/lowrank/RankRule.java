package org.compresslab.compress.lowrank;

import java.util.List;
import java.util.Locale;
import org.compresslab.compress.ParameterSpec;
import org.compresslab.compress.StepParameters;

/**
 * How many singular directions a factorization keeps: a share of the full rank, or — when {@code energy}
 * is above zero — the fewest whose singular values keep that share of the weight's squared Frobenius norm.
 */
record RankRule(double ratio, double energy) {
    /**
     * The tail a float32 weight leaves below an exactly kept energy: singular values that are rounding
     * noise (about 1e-7 of the largest, 1e-14 squared) must not count as energy to keep.
     */
    private static final double ENERGY_TOLERANCE = 1e-9;

    static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.number("rank_ratio", 0.01, 1, 0.5,
                    "Share of each weight's full rank to keep (0.5 = half its singular directions)."),
            ParameterSpec.number("energy", 0, 1, 0,
                    "If above 0: keep the fewest singular directions that hold this share of the weight's squared "
                            + "norm (e.g. 0.9), layer by layer, instead of a fixed rank ratio."));

    RankRule {
        if (!(ratio > 0 && ratio <= 1) || !(energy >= 0 && energy <= 1)) {
            throw new IllegalArgumentException("rank ratio must be in (0, 1] and energy in [0, 1]");
        }
    }

    static RankRule from(StepParameters p) {
        return new RankRule(p.number("rank_ratio"), p.number("energy"));
    }

    static RankRule ofRatio(double ratio) {
        return new RankRule(ratio, 0);
    }

    /** The rank to keep given singular values in descending order (their count is the full rank). */
    int rank(double[] singularValues) {
        int full = singularValues.length;
        if (energy > 0) {
            double total = 0;
            for (double s : singularValues) {
                total += s * s;
            }
            double kept = 0;
            for (int r = 1; r <= full; r++) {
                kept += singularValues[r - 1] * singularValues[r - 1];
                if (kept >= (energy - ENERGY_TOLERANCE) * total) {
                    return r;
                }
            }
            return full;
        }
        return Math.max(1, Math.min(full, (int) Math.round(ratio * full)));
    }

    String describe() {
        return energy > 0 ? String.format(Locale.ROOT, "the fewest directions holding %s%% of each weight's energy",
                trim(100 * energy)) : String.format(Locale.ROOT, "%s%% of each weight's rank", trim(100 * ratio));
    }

    private static String trim(double v) {
        return org.compresslab.compress.Numbers.plain(Math.round(v * 100) / 100.0);
    }
}

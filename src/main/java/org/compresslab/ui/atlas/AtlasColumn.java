package org.compresslab.ui.atlas;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.compresslab.study.AtlasFamily;
import org.compresslab.study.AtlasRow;
import org.compresslab.study.LayerAtlas;
import org.compresslab.study.LayerMeasurement;

/**
 * One measured column of the atlas table, derived from the atlas's families so that a new family needs
 * no new view code: a family without a curve gives one column (its score), a family with a curve one
 * column per strength scanned plus one for its score (the mean over the curve).
 *
 * @param group the header above the family's columns
 * @param x     the curve strength this column shows, or NaN for the family's score
 */
public record AtlasColumn(String familyId, String group, String title, double x) {
    static final String MEAN = "mean";

    /** What a cell shows: the drop in points, its heat and a tooltip. */
    public record Cell(double drop, double heat, String tooltip) {
        public String text() {
            return AtlasViewModel.pointsText(drop);
        }
    }

    public static List<AtlasColumn> of(LayerAtlas atlas) {
        List<AtlasColumn> out = new ArrayList<>();
        for (AtlasFamily f : atlas.families()) {
            if (!f.hasCurve()) {
                out.add(new AtlasColumn(f.id(), f.title(), "Δ top-1", Double.NaN));
                continue;
            }
            String group = f.title() + ": Δ top-1 at " + f.curveLabel();
            for (double x : f.curveXs()) {
                out.add(new AtlasColumn(f.id(), group, percent(x), x));
            }
            out.add(new AtlasColumn(f.id(), group, MEAN, Double.NaN));
        }
        return out;
    }

    public boolean isScore() {
        return Double.isNaN(x);
    }

    /** The cell of {@code row}, empty when the family did not measure the layer (shown as missing). */
    public Optional<Cell> cell(AtlasRow row) {
        return row.measurement(familyId).flatMap(m -> {
            if (isScore()) {
                return Optional.of(new Cell(m.score(), m.heat(), scoreTooltip(row.layer(), m)));
            }
            return m.curve().stream().filter(p -> p.x() == x).findFirst()
                    .map(p -> new Cell(p.accuracyDrop(), p.heat(), pointTooltip(row.layer(), m, p)));
        });
    }

    private String scoreTooltip(String layer, LayerMeasurement m) {
        StringBuilder b = new StringBuilder(layer).append(" — ").append(group).append(' ').append(title)
                .append(String.format(Locale.ROOT, ": %s points", AtlasViewModel.pointsText(m.score())));
        for (Map.Entry<String, Double> d : m.details().entrySet()) {
            b.append('\n').append(d.getKey()).append(": ").append(number(d.getValue()));
        }
        shared(b, m);
        return b.toString();
    }

    private String pointTooltip(String layer, LayerMeasurement m, LayerMeasurement.Point p) {
        StringBuilder b = new StringBuilder(layer).append(String.format(Locale.ROOT,
                " at %s: top-1 drop %s points\n%s\nagreement with the unchanged model %.1f%%", percent(p.x()),
                AtlasViewModel.pointsText(p.accuracyDrop()), p.note(), 100 * p.agreement()));
        shared(b, m);
        return b.toString();
    }

    private static void shared(StringBuilder b, LayerMeasurement m) {
        if (!m.sharedWith().isEmpty()) {
            b.append("\nmeasured together with ").append(String.join(", ", m.sharedWith()))
                    .append(" (they share these channels)");
        }
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", 100 * fraction);
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? String.format(Locale.ROOT, "%,d", (long) v)
                : String.format(Locale.ROOT, "%.4g", v);
    }
}

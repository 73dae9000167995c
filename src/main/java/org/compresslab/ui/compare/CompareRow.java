package org.compresslab.ui.compare;

import java.util.Locale;
import org.compresslab.study.ComparisonRow;

/**
 * One line of the compare table: the numbers (for sorting; NaN where not measured) and their text.
 *
 * @param technique the technique's title, or "Evaluation" for a plain measurement
 * @param baseline  whether this is the run everything is compared with
 */
public record CompareRow(ComparisonRow row, String technique, boolean baseline) {

    public String runId() {
        return row.runId();
    }

    public String name() {
        return baseline ? row.name() + " (baseline)" : row.name();
    }

    public String top1Text() {
        return Double.isNaN(row.accuracy()) ? "—" : String.format(Locale.ROOT, "%.2f%% [%.2f–%.2f]",
                100 * row.accuracy(), 100 * row.accuracyLo(), 100 * row.accuracyHi());
    }

    /** Percentage points, signed: "−0.40 pt". */
    public static String deltaText(double delta) {
        if (Double.isNaN(delta)) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%+.2f pt", 100 * delta);
        return s.startsWith("-") ? "−" + s.substring(1) : s;
    }

    public static String pValueText(double p) {
        if (Double.isNaN(p)) {
            return "—";
        }
        return p < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", p);
    }

    public static String percentText(double fraction) {
        return Double.isNaN(fraction) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    public static String ratioText(double ratio) {
        return Double.isNaN(ratio) || Double.isInfinite(ratio) ? "—" : String.format(Locale.ROOT, "%.2f×", ratio);
    }

    public String flagText() {
        return row.macsFellNotLatency() ? "⚠ MACs fell, latency did not" : "";
    }
}

package org.compresslab.study.report;

import java.util.Locale;

/** How the HTML report writes numbers: Locale.ROOT always, and a dash for what was not measured. */
final class Figures {
    static final String MISSING = "—";

    private Figures() {
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.2f%%", 100 * fraction) : MISSING;
    }

    /** A difference of two fractions in percentage points, signed: "+0.35 pp". */
    static String points(double delta) {
        return Double.isFinite(delta) ? String.format(Locale.ROOT, "%+.2f pp", 100 * delta) : MISSING;
    }

    static String interval(double lo, double hi) {
        return Double.isFinite(lo) && Double.isFinite(hi)
                ? String.format(Locale.ROOT, "%.2f–%.2f%%", 100 * lo, 100 * hi) : MISSING;
    }

    /** Four significant digits: latencies range from microseconds to seconds. */
    static String millis(double ms) {
        return Double.isFinite(ms) ? String.format(Locale.ROOT, "%.4g", ms) : MISSING;
    }

    static String pValue(double p) {
        if (!Double.isFinite(p)) {
            return MISSING;
        }
        return p < 1e-4 ? "< 0.0001" : String.format(Locale.ROOT, "%.4f", p);
    }

    static String ratio(double r) {
        return Double.isFinite(r) ? String.format(Locale.ROOT, "%.3f×", r) : MISSING;
    }

    /** A count with thousands separators; negative counts are the engine's "unknown". */
    static String count(long n) {
        return n < 0 ? MISSING : String.format(Locale.ROOT, "%,d", n);
    }
}

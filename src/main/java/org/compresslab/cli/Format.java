package org.compresslab.cli;

import java.util.Locale;

/** Number formatting for the CLI's text output. */
final class Format {
    private Format() {
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB (%,d B)", n / 1024.0, n);
        }
        return String.format(Locale.ROOT, "%.2f MiB (%,d B)", n / 1048576.0, n);
    }

    static String clip(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}

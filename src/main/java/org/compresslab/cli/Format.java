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
        return org.compresslab.eval.ByteSizes.withExact(n);
    }

    static String clip(String s, int width) {
        return s.length() <= width ? s : "…" + s.substring(s.length() - width + 1);
    }
}

package org.compresslab.eval;

import java.util.Locale;

/** Human-readable byte counts, the same in the CLI and the workbench. */
public final class ByteSizes {
    private ByteSizes() {
    }

    /** e.g. "36.8 KiB (37,641 B)": the rounded size and the exact count, since sizes are compared. */
    public static String withExact(long n) {
        return n < 1024 ? n + " B" : brief(n) + String.format(Locale.ROOT, " (%,d B)", n);
    }

    /** e.g. "36.8 KiB". */
    public static String brief(long n) {
        if (n < 1024) {
            return n + " B";
        }
        return n < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.2f MiB", n / 1048576.0);
    }
}

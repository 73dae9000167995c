package org.compresslab.compress;

import java.math.BigDecimal;

/** Numbers written the way a person would type them (no trailing ".0", no exponent). */
public final class Numbers {
    private Numbers() {
    }

    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

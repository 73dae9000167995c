package org.compresslab.compress;

import java.math.BigDecimal;

/** Numbers written the way a person would type them (no trailing ".0", no exponent). */
final class Numbers {
    private Numbers() {
    }

    static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}

package org.compresslab.compress.quantize;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How the float range of an activation is chosen from its calibration histogram (see {@link RangeChoosers}). */
public enum CalibrationMethod {
    MINMAX("minmax"),
    PERCENTILE("percentile"),
    ENTROPY("entropy"),
    MSE("mse");

    private final String id;

    CalibrationMethod(String id) {
        this.id = id;
    }

    /** The stable name used in recipes and on the command line. */
    public String id() {
        return id;
    }

    /** Case-insensitive, since ids are typed by people; the message lists the valid ids so they can fix it. */
    public static CalibrationMethod parse(String id) {
        if (id != null) {
            String wanted = id.trim().toLowerCase(Locale.ROOT);
            for (CalibrationMethod m : values()) {
                if (m.id.equals(wanted)) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("unknown calibration method '" + id + "'; valid: "
                + String.join(", ", ids()));
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(CalibrationMethod::id).toList();
    }
}

package org.compresslab.compress.quantize;

import java.util.Locale;
import org.compresslab.compress.StepParameters;

/** The calibration parameters every static-quantization technique shares, read from a step. */
record CalibrationSettings(CalibrationMethod method, double percentile, int samples, ActivationType type) {

    static CalibrationSettings from(StepParameters p) {
        return new CalibrationSettings(CalibrationMethod.parse(p.choice("calibration")), p.number("percentile"),
                p.integer("samples"), ActivationType.valueOf(p.choice("activations").toUpperCase(Locale.ROOT)));
    }

    boolean needsHistograms() {
        return method != CalibrationMethod.MINMAX;
    }
}

package org.compresslab.compress;

import java.util.Locale;

/** The families of the field; the workbench colours runs by family. */
public enum TechniqueFamily {
    QUANTIZATION, PRUNING, LOW_RANK, DISTILLATION, TRAINING;

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}

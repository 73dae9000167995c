package org.compresslab.compress;

import java.util.List;

/** The list of shipped techniques: the one place a new technique is registered. */
final class StandardTechniques {
    private StandardTechniques() {
    }

    static List<Technique> all() {
        return List.of(new org.compresslab.compress.quantize.StaticInt8Quantizer());
    }
}

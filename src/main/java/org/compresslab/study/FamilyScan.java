package org.compresslab.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** What one analysis measured: its family and a measurement per layer name, in the order it reported them. */
public record FamilyScan(AtlasFamily family, Map<String, LayerMeasurement> layers) {
    public FamilyScan {
        layers = Collections.unmodifiableMap(new LinkedHashMap<>(layers));
    }
}

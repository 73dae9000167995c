package org.compresslab.study;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One layer of the atlas: its name, op and parameters, and what each family measured for it. A family
 * that did not measure the layer is absent, never a zero.
 *
 * @param params the layer's parameters in the model file, or -1 when the layer is not in it by that name
 */
public record AtlasRow(String layer, String op, long params, Map<String, LayerMeasurement> measurements) {

    public AtlasRow {
        measurements = Collections.unmodifiableMap(new LinkedHashMap<>(measurements));
    }

    public Optional<LayerMeasurement> measurement(String familyId) {
        return Optional.ofNullable(measurements.get(familyId));
    }
}

package org.compresslab.graph;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The inferred type and shape of every value, and the nodes inference could not get through. */
public record ShapeInferenceResult(Map<String, InferredValue> values, List<String> problems) {

    public Optional<InferredValue> value(String name) {
        return Optional.ofNullable(values.get(name));
    }

    /** The value's dimensions, or null when unknown. */
    public long[] dims(String name) {
        InferredValue v = values.get(name);
        return v == null ? null : v.dims();
    }
}

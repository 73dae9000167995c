package org.compresslab.compress;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One step of a recipe as written: a technique id and its raw parameters (validated when it runs). */
public record RecipeStep(String technique, Map<String, Object> parameters) {
    public RecipeStep {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }
}

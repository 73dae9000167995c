package org.compresslab.compress;

import java.util.List;
import java.util.Optional;

/**
 * What a technique is, for people and for validation: its id (as recipes name it), family, a title,
 * a one-paragraph explanation, what to expect from it, and its parameters.
 *
 * @param transformsModel false for analyses (sensitivity scans) whose step leaves the model as it was
 */
public record TechniqueDescriptor(String id, TechniqueFamily family, String title, String explanation,
                                  String expectation, List<ParameterSpec> parameters, boolean transformsModel) {

    public TechniqueDescriptor {
        parameters = List.copyOf(parameters);
    }

    public Optional<ParameterSpec> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}

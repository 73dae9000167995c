package org.compresslab.compress;

import java.util.List;
import org.compresslab.graph.Graph;

/**
 * What a technique produced: the transformed model (the input itself for analyses), a technique-specific
 * report (a record that serialises to JSON), and warnings the user should read.
 */
public record TechniqueOutcome(Graph model, Object report, List<String> warnings) {
    public TechniqueOutcome {
        warnings = List.copyOf(warnings);
    }
}

package org.compresslab.compress;

import org.compresslab.graph.Graph;

/**
 * A compression technique (or an analysis) that a recipe step names by id. Implementations never modify
 * the graph they are given; they return a new one.
 */
public interface Technique {
    TechniqueDescriptor descriptor();

    /**
     * @throws CompressionException when the technique cannot apply to this model or data, saying why
     * @throws org.compresslab.progress.CancelledException when cancelled through the context
     */
    TechniqueOutcome apply(Graph model, StepParameters parameters, CompressionContext context);
}

package org.compresslab.train;

import org.compresslab.graph.Graph;

/** A graph with its trained weights and how the training went. */
public record TrainedModel(Graph graph, TrainingResult result) {
}

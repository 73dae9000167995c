package org.compresslab.ui.inspector;

/**
 * One row of the layer table, in graph order.
 *
 * @param index    1-based position in the graph's (topological) node order, so sorting can be undone
 * @param outputShape readable shape such as {@code [1, 64, 32, 32]}, or {@code ?} when inference could not tell
 * @param macs     multiply-accumulates per image, -1 when unknown (never guessed)
 * @param macShare this layer's fraction (0..1) of the model's MACs; NaN when the total is unknown or zero
 */
public record LayerRow(int index, String name, String op, String outputShape, long params, long macs, double macShare) {
}

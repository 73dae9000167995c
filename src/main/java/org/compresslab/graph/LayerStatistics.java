package org.compresslab.graph;

/** One node's size and cost: output shape (null when unknown), parameters it owns, MACs per image (-1 when unknown). */
public record LayerStatistics(String name, String op, long[] outputShape, long params, long macs) {
}

package org.compresslab.ui.inspector;

/**
 * One bar of the inspector's chart: a layer name (or the "other (K layers)" bucket) and its value.
 * Plain data so the view-model stays free of JFreeChart and Node types.
 */
public record ChartBar(String label, long value) {
}

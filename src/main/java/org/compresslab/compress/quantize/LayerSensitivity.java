package org.compresslab.compress.quantize;

/**
 * How much quantizing one layer alone costs: accuracy (fraction) with only that layer in int8, the drop
 * from the float model (fraction; positive = worse), and agreement of its outputs with the float model's.
 */
public record LayerSensitivity(String layer, String op, long weights, double accuracy, double accuracyDrop,
                               double top1Agreement, double meanKl, double meanCosine) {
}

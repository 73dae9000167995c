package org.compresslab.compress.prune;

/**
 * A number outside any weight that counts a group's channels and must shrink with it: the
 * {@code group} attribute of a depthwise convolution, or an explicit entry of a Reshape's target shape.
 * Each removed channel takes {@code block} off the number; {@code position} is the entry of the Reshape
 * target (unused for the group attribute).
 */
public record CountEdit(int nodeIndex, String node, Kind kind, int position, int block) {

    public enum Kind {
        /** The {@code group} attribute of a depthwise Conv. */
        GROUP_ATTRIBUTE,
        /** Entry {@code position} of the constant target shape a Reshape reads as input 1. */
        RESHAPE_TARGET
    }
}

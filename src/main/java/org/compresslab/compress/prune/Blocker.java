package org.compresslab.compress.prune;

/**
 * Why a channel group is left alone: the node (or graph input/output) where the analysis had to stop,
 * so a report can name it.
 */
public record Blocker(Kind kind, String where, String opType, String reason) {

    public enum Kind { NODE, GRAPH_INPUT, GRAPH_OUTPUT }

    static Blocker node(String node, String opType, String reason) {
        return new Blocker(Kind.NODE, node, opType, reason);
    }

    static Blocker graphInput(String value) {
        return new Blocker(Kind.GRAPH_INPUT, value, "", "the model's input shape must not change");
    }

    static Blocker graphOutput(String value) {
        return new Blocker(Kind.GRAPH_OUTPUT, value, "", "the model's output shape must not change");
    }

    /** E.g. "left alone because of node 'shuffle' (Reshape mixes channels)". */
    public String describe() {
        return switch (kind) {
            case NODE -> "left alone because of node '" + where + "' (" + reason + ")";
            case GRAPH_INPUT -> "left alone because it reaches graph input '" + where + "' (" + reason + ")";
            case GRAPH_OUTPUT -> "left alone because it reaches graph output '" + where + "' (" + reason + ")";
        };
    }
}

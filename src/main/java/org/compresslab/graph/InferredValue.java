package org.compresslab.graph;

/**
 * What shape inference knows about a value: its element type, its dimensions (null when unknown) and,
 * for small integer tensors such as the ones Reshape and Slice read, their constant elements.
 */
public record InferredValue(DataType type, long[] dims, long[] constant) {

    public static InferredValue of(DataType type, long[] dims) {
        return new InferredValue(type, dims, null);
    }

    public boolean hasShape() {
        return dims != null;
    }

    public boolean isConstant() {
        return constant != null;
    }

    public int rank() {
        return dims.length;
    }

    public Shape shape() {
        return dims == null ? null : Shape.of(dims);
    }
}

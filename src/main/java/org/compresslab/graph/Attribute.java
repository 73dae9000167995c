package org.compresslab.graph;

import java.util.List;

/**
 * A node attribute. Kinds CompressLab does not interpret (sub-graphs, sparse tensors, type protos)
 * are kept as the serialized bytes of the original attribute so they are written back unchanged.
 */
public record Attribute(String name, Kind kind, Object value) {

    public enum Kind { FLOAT, INT, STRING, TENSOR, FLOATS, INTS, STRINGS, OPAQUE }

    public static Attribute ofInt(String name, long v) {
        return new Attribute(name, Kind.INT, v);
    }

    public static Attribute ofFloat(String name, float v) {
        return new Attribute(name, Kind.FLOAT, v);
    }

    public static Attribute ofString(String name, String v) {
        return new Attribute(name, Kind.STRING, v);
    }

    public static Attribute ofInts(String name, long... v) {
        return new Attribute(name, Kind.INTS, v.clone());
    }

    public static Attribute ofFloats(String name, float... v) {
        return new Attribute(name, Kind.FLOATS, v.clone());
    }

    public static Attribute ofStrings(String name, List<String> v) {
        return new Attribute(name, Kind.STRINGS, List.copyOf(v));
    }

    public static Attribute ofTensor(String name, Tensor v) {
        return new Attribute(name, Kind.TENSOR, v);
    }

    /** An attribute kept as the serialized bytes of the source format. */
    public static Attribute opaque(String name, byte[] serialized) {
        return new Attribute(name, Kind.OPAQUE, serialized.clone());
    }

    public long asInt() {
        return (Long) value;
    }

    public float asFloat() {
        return (Float) value;
    }

    public String asString() {
        return (String) value;
    }

    public long[] asInts() {
        return ((long[]) value).clone();
    }

    public float[] asFloats() {
        return ((float[]) value).clone();
    }

    @SuppressWarnings("unchecked")
    public List<String> asStrings() {
        return (List<String>) value;
    }

    public Tensor asTensor() {
        return (Tensor) value;
    }

    public byte[] asOpaque() {
        return ((byte[]) value).clone();
    }
}

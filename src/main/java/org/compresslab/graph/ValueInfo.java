package org.compresslab.graph;

/** A named value's declared type and shape (shape may be null when the model does not say). */
public record ValueInfo(String name, DataType type, Shape shape) {
    public ValueInfo withShape(Shape newShape) {
        return new ValueInfo(name, type, newShape);
    }
}

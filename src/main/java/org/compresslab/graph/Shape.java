package org.compresslab.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor shape whose dimensions may be unknown. An unknown dimension is stored as -1 and may carry
 * the symbolic name it had in the model (e.g. "batch"), so writing the model back keeps the name.
 */
public final class Shape {
    public static final long UNKNOWN = -1;

    private final long[] dims;
    private final String[] symbols;

    public Shape(long[] dims, String[] symbols) {
        this.dims = dims.clone();
        this.symbols = symbols == null ? new String[dims.length] : symbols.clone();
        if (this.symbols.length != dims.length) {
            throw new IllegalArgumentException("symbols and dims differ in rank");
        }
    }

    public static Shape of(long... dims) {
        return new Shape(dims, null);
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int i) {
        return dims[i];
    }

    public String symbol(int i) {
        return symbols[i];
    }

    public long[] dims() {
        return dims.clone();
    }

    public boolean isFullyKnown() {
        for (long d : dims) {
            if (d < 0) {
                return false;
            }
        }
        return true;
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                return UNKNOWN;
            }
            n *= d;
        }
        return n;
    }

    /** This shape with unknown dimensions replaced by {@code value} (e.g. a batch size). */
    public Shape withUnknownDimsAs(long value) {
        long[] d = dims.clone();
        for (int i = 0; i < d.length; i++) {
            if (d[i] < 0) {
                d[i] = value;
            }
        }
        return new Shape(d, symbols);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims) && Arrays.equals(symbols, s.symbols);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(dims), Arrays.hashCode(symbols));
    }

    /** Readable form, e.g. {@code [batch, 3, 32, 32]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            if (dims[i] >= 0) {
                sb.append(dims[i]);
            } else {
                sb.append(symbols[i] != null ? symbols[i] : "?");
            }
        }
        return sb.append(']').toString();
    }
}

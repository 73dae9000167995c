package org.compresslab.graph;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A constant tensor (an initializer or a Constant's value). The elements are kept as the raw
 * little-endian bytes ONNX stores, so a tensor CompressLab does not touch is written back bit for bit.
 * Instances are immutable: edits make a new tensor.
 */
public final class Tensor {
    private final String name;
    private final DataType type;
    private final long[] dims;
    private final byte[] raw;

    public Tensor(String name, DataType type, long[] dims, byte[] raw) {
        this.name = name;
        this.type = type;
        this.dims = dims.clone();
        this.raw = raw;
        long expected = elementCount() * type.byteSize();
        if (type != DataType.STRING && raw.length != expected) {
            throw new IllegalArgumentException("tensor '" + name + "' has " + raw.length + " bytes, its shape "
                    + Arrays.toString(dims) + " of " + type + " needs " + expected);
        }
    }

    public static Tensor ofFloats(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return new Tensor(name, DataType.FLOAT, dims, b.array());
    }

    public static Tensor ofLongs(String name, long[] dims, long[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        b.asLongBuffer().put(values);
        return new Tensor(name, DataType.INT64, dims, b.array());
    }

    public static Tensor ofInts(String name, long[] dims, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        return new Tensor(name, DataType.INT32, dims, b.array());
    }

    public static Tensor ofBytes(String name, DataType type, long[] dims, byte[] values) {
        if (type.byteSize() != 1) {
            throw new IllegalArgumentException(type + " is not a one-byte type");
        }
        return new Tensor(name, type, dims, values.clone());
    }

    public static Tensor ofFloat16(String name, long[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(Float16.fromFloat(v));
        }
        return new Tensor(name, DataType.FLOAT16, dims, b.array());
    }

    public String name() {
        return name;
    }

    public DataType type() {
        return type;
    }

    public long[] dims() {
        return dims.clone();
    }

    public int rank() {
        return dims.length;
    }

    public long dim(int axis) {
        return dims[axis];
    }

    public Shape shape() {
        return Shape.of(dims);
    }

    public long elementCount() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The raw little-endian bytes; callers must not modify the array. */
    public byte[] rawData() {
        return raw;
    }

    public Tensor withName(String newName) {
        return new Tensor(newName, type, dims, raw);
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The elements as floats, converting from any numeric type. */
    public float[] toFloats() {
        int n = Math.toIntExact(elementCount());
        float[] out = new float[n];
        ByteBuffer b = buffer();
        switch (type) {
            case FLOAT -> b.asFloatBuffer().get(out);
            case FLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float16.toFloat(b.getShort(2 * i));
                }
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    out[i] = (float) b.getDouble(8 * i);
                }
            }
            case BFLOAT16 -> {
                for (int i = 0; i < n; i++) {
                    out[i] = Float.intBitsToFloat((b.getShort(2 * i) & 0xffff) << 16);
                }
            }
            default -> {
                long[] l = toLongs();
                for (int i = 0; i < n; i++) {
                    out[i] = l[i];
                }
            }
        }
        return out;
    }

    /** The elements as longs, for integer and boolean types. */
    public long[] toLongs() {
        int n = Math.toIntExact(elementCount());
        long[] out = new long[n];
        ByteBuffer b = buffer();
        for (int i = 0; i < n; i++) {
            out[i] = switch (type) {
                case INT64, UINT64 -> b.getLong(8 * i);
                case INT32 -> b.getInt(4 * i);
                case UINT32 -> Integer.toUnsignedLong(b.getInt(4 * i));
                case INT16 -> b.getShort(2 * i);
                case UINT16 -> Short.toUnsignedInt(b.getShort(2 * i));
                case INT8 -> b.get(i);
                case UINT8, BOOL -> Byte.toUnsignedInt(b.get(i));
                case FLOAT -> (long) b.getFloat(4 * i);
                case DOUBLE -> (long) b.getDouble(8 * i);
                case FLOAT16 -> (long) Float16.toFloat(b.getShort(2 * i));
                default -> throw new UnsupportedOperationException("cannot read " + type + " as integers");
            };
        }
        return out;
    }

    /** Number of elements that are not zero (for sparse-size accounting). */
    public long nonZeroCount() {
        long count = 0;
        int size = type.byteSize();
        if (size == 0) {
            return elementCount();
        }
        // -0.0 has a non-zero bit pattern but is a zero weight: ignore the sign bit (top of the last byte)
        int signMask = type.isFloatingPoint() ? 0x7f : 0xff;
        outer:
        for (int i = 0; i < raw.length; i += size) {
            for (int j = 0; j < size; j++) {
                if ((raw[i + j] & (j == size - 1 ? signMask : 0xff)) != 0) {
                    count++;
                    continue outer;
                }
            }
        }
        return count;
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(dims);
    }
}

package org.compresslab.graph;

/**
 * Element types of tensors. The codes are ONNX's {@code TensorProto.DataType} values so a type
 * survives a round trip even when CompressLab only carries it along (e.g. DOUBLE).
 */
public enum DataType {
    FLOAT(1, 4, true),
    UINT8(2, 1, false),
    INT8(3, 1, false),
    UINT16(4, 2, false),
    INT16(5, 2, false),
    INT32(6, 4, false),
    INT64(7, 8, false),
    STRING(8, 0, false),
    BOOL(9, 1, false),
    FLOAT16(10, 2, true),
    DOUBLE(11, 8, true),
    UINT32(12, 4, false),
    UINT64(13, 8, false),
    BFLOAT16(16, 2, true);

    private final int onnxCode;
    private final int byteSize;
    private final boolean floatingPoint;

    DataType(int onnxCode, int byteSize, boolean floatingPoint) {
        this.onnxCode = onnxCode;
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    public int onnxCode() {
        return onnxCode;
    }

    /** Bytes per element; 0 for variable-size strings. */
    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    public static DataType fromOnnxCode(int code) {
        for (DataType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unsupported tensor element type (ONNX code " + code + ")");
    }
}

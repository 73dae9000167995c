package org.compresslab.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Builds raw ONNX protobuf messages for tests that need what {@link OnnxWriter} would never write. */
final class OnnxProtos {
    static final int FLOAT = OnnxMl.TensorProto.DataType.FLOAT_VALUE;
    static final int BOOL = OnnxMl.TensorProto.DataType.BOOL_VALUE;

    private OnnxProtos() {
    }

    /** A tensor value info; a dim given as a String is symbolic, a Number is fixed. */
    static OnnxMl.ValueInfoProto valueInfo(String name, int elemType, Object... dims) {
        OnnxMl.TensorShapeProto.Builder shape = OnnxMl.TensorShapeProto.newBuilder();
        for (Object d : dims) {
            OnnxMl.TensorShapeProto.Dimension.Builder b = OnnxMl.TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String s) {
                b.setDimParam(s);
            } else {
                b.setDimValue(((Number) d).longValue());
            }
            shape.addDim(b);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(name).setType(OnnxMl.TypeProto.newBuilder()
                .setTensorType(OnnxMl.TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(shape))).build();
    }

    static OnnxMl.NodeProto node(String name, String op, String input, String output) {
        return OnnxMl.NodeProto.newBuilder().setName(name).setOpType(op).addInput(input).addOutput(output).build();
    }

    static OnnxMl.TensorProto rawFloats(String name, long[] dims, float... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        OnnxMl.TensorProto.Builder t = OnnxMl.TensorProto.newBuilder().setName(name).setDataType(FLOAT)
                .setRawData(ByteString.copyFrom(b.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    /** A model around {@code graph} at the given default-domain opset and IR version 8. */
    static OnnxMl.ModelProto model(OnnxMl.GraphProto graph, long opset) {
        return OnnxMl.ModelProto.newBuilder().setIrVersion(8).setProducerName("test")
                .addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
                .setGraph(graph).build();
    }

    /** x[2] → Relu → y[2], with the given initializers attached. */
    static OnnxMl.GraphProto.Builder reluGraph() {
        return OnnxMl.GraphProto.newBuilder().setName("g")
                .addInput(valueInfo("x", FLOAT, 2))
                .addNode(node("relu", "Relu", "x", "y"))
                .addOutput(valueInfo("y", FLOAT, 2));
    }
}

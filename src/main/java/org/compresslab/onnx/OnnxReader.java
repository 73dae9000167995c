package org.compresslab.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.DataType;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphException;
import org.compresslab.graph.GraphValidator;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.TopologicalOrder;
import org.compresslab.graph.ValueInfo;

/** Reads an ONNX model (opsets 11–21 tested) into a {@link Graph}. */
public final class OnnxReader {
    public static final long MIN_OPSET = 7;
    public static final long MAX_OPSET = 22;

    private OnnxReader() {
    }

    public static Graph read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new OnnxFormatException(file + ": no such file");
        } catch (IOException e) {
            throw new OnnxFormatException(file + ": cannot read the file (" + e.getMessage() + ")", e);
        }
        try {
            return read(bytes);
        } catch (OnnxFormatException e) {
            throw new OnnxFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    public static Graph read(byte[] bytes) {
        if (bytes.length == 0) {
            throw new OnnxFormatException("the file is empty, not an ONNX model");
        }
        OnnxMl.ModelProto model;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(200);
            in.setSizeLimit(Integer.MAX_VALUE);
            model = OnnxMl.ModelProto.parseFrom(in);
        } catch (InvalidProtocolBufferException e) {
            throw new OnnxFormatException("not an ONNX model, or the file is truncated or corrupt ("
                    + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new OnnxFormatException("cannot parse the model: " + e.getMessage(), e);
        }
        if (!model.hasGraph() || model.getGraph().getNodeCount() == 0 || model.getOpsetImportCount() == 0) {
            throw new OnnxFormatException("not an ONNX model: it has no " + (!model.hasGraph() || model.getGraph()
                    .getNodeCount() == 0 ? "graph nodes" : "opset declaration")
                    + " (is this a different kind of file, or a truncated one?)");
        }
        try {
            return convert(model);
        } catch (GraphException | IllegalArgumentException | ArithmeticException e) {
            throw new OnnxFormatException("the model is not valid: " + e.getMessage(), e);
        }
    }

    private static Graph convert(OnnxMl.ModelProto model) {
        Graph g = new Graph();
        g.setIrVersion(model.getIrVersion());
        g.setProducerName(model.getProducerName());
        g.setProducerVersion(model.getProducerVersion());
        g.setDocString(model.getDocString());
        for (OnnxMl.OperatorSetIdProto op : model.getOpsetImportList()) {
            g.opsets().put(op.getDomain().equals("ai.onnx") ? "" : op.getDomain(), op.getVersion());
        }
        long opset = g.opsetVersion();
        if (opset >= 0 && (opset < MIN_OPSET || opset > MAX_OPSET)) {
            throw new OnnxFormatException("the model uses ONNX opset " + opset + "; CompressLab reads opsets "
                    + MIN_OPSET + "–" + MAX_OPSET + " (re-export it with a supported opset, e.g. 13 or 17)");
        }
        OnnxMl.ModelProto.Builder extras = OnnxMl.ModelProto.newBuilder().addAllFunctions(model.getFunctionsList())
                .addAllTrainingInfo(model.getTrainingInfoList());
        if (model.hasDomain()) {
            extras.setDomain(model.getDomain());
        }
        if (model.hasModelVersion()) {
            extras.setModelVersion(model.getModelVersion());
        }
        g.setOpaqueModelFields(extras.build().toByteArray());
        for (OnnxMl.StringStringEntryProto e : model.getMetadataPropsList()) {
            g.metadata().put(e.getKey(), e.getValue());
        }
        OnnxMl.GraphProto gp = model.getGraph();
        g.setName(gp.getName());
        for (OnnxMl.TensorProto t : gp.getInitializerList()) {
            g.putInitializer(tensor(t));
        }
        if (gp.getSparseInitializerCount() > 0) {
            throw new OnnxFormatException("sparse initializers are not supported; save the model with dense weights");
        }
        for (OnnxMl.ValueInfoProto v : gp.getInputList()) {
            g.addInput(valueInfo(v));
        }
        for (OnnxMl.ValueInfoProto v : gp.getOutputList()) {
            g.addOutput(valueInfo(v));
        }
        for (OnnxMl.ValueInfoProto v : gp.getValueInfoList()) {
            if (v.hasType() && v.getType().hasTensorType()) {
                g.putValueInfo(valueInfo(v));
            }
        }
        for (OnnxMl.NodeProto np : gp.getNodeList()) {
            g.addNode(node(np));
        }
        TopologicalOrder.sort(g);
        List<String> problems = GraphValidator.problems(g);
        if (!problems.isEmpty()) {
            throw new OnnxFormatException("the model is not valid: " + String.join("; ", problems));
        }
        return g;
    }

    private static Node node(OnnxMl.NodeProto np) {
        Node n = new Node(np.getName(), np.getOpType(), np.getDomain(), np.getInputList(), np.getOutputList());
        n.setDocString(np.getDocString());
        for (OnnxMl.AttributeProto a : np.getAttributeList()) {
            n.setAttribute(attribute(a));
        }
        return n;
    }

    private static Attribute attribute(OnnxMl.AttributeProto a) {
        String name = a.getName();
        if (!a.getRefAttrName().isEmpty()) {
            return Attribute.opaque(name, a.toByteArray());
        }
        return switch (a.getType()) {
            case FLOAT -> Attribute.ofFloat(name, a.getF());
            case INT -> Attribute.ofInt(name, a.getI());
            case STRING -> Attribute.ofString(name, a.getS().toStringUtf8());
            case TENSOR -> Attribute.ofTensor(name, tensor(a.getT()));
            case FLOATS -> {
                float[] f = new float[a.getFloatsCount()];
                for (int i = 0; i < f.length; i++) {
                    f[i] = a.getFloats(i);
                }
                yield Attribute.ofFloats(name, f);
            }
            case INTS -> Attribute.ofInts(name, a.getIntsList().stream().mapToLong(Long::longValue).toArray());
            case STRINGS -> Attribute.ofStrings(name, a.getStringsList().stream().map(s -> s.toStringUtf8()).toList());
            default -> Attribute.opaque(name, a.toByteArray());
        };
    }

    static ValueInfo valueInfo(OnnxMl.ValueInfoProto v) {
        if (!v.hasType() || !v.getType().hasTensorType()) {
            throw new OnnxFormatException("value '" + v.getName() + "' is not a tensor (sequence and map values "
                    + "are not supported)");
        }
        OnnxMl.TypeProto.Tensor tt = v.getType().getTensorType();
        DataType type = DataType.fromOnnxCode(tt.getElemType());
        Shape shape = null;
        if (tt.hasShape()) {
            int rank = tt.getShape().getDimCount();
            long[] dims = new long[rank];
            String[] symbols = new String[rank];
            for (int i = 0; i < rank; i++) {
                OnnxMl.TensorShapeProto.Dimension d = tt.getShape().getDim(i);
                dims[i] = d.hasDimValue() ? d.getDimValue() : Shape.UNKNOWN;
                symbols[i] = d.hasDimParam() ? d.getDimParam() : null;
            }
            shape = new Shape(dims, symbols);
        }
        return new ValueInfo(v.getName(), type, shape);
    }

    static Tensor tensor(OnnxMl.TensorProto t) {
        if (t.getDataLocation() == OnnxMl.TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new OnnxFormatException("tensor '" + t.getName() + "' keeps its data in an external file; "
                    + "save the model with all weights inside the .onnx file");
        }
        DataType type = DataType.fromOnnxCode(t.getDataType());
        if (type == DataType.STRING) {
            throw new OnnxFormatException("tensor '" + t.getName() + "' holds strings, which CompressLab does not support");
        }
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        if (t.hasRawData()) {
            return new Tensor(t.getName(), type, dims, t.getRawData().toByteArray());
        }
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(count * type.byteSize())).order(ByteOrder.LITTLE_ENDIAN);
        int n = (int) count;
        switch (type) {
            case FLOAT -> {
                requireCount(t, t.getFloatDataCount(), n);
                for (int i = 0; i < n; i++) {
                    b.putFloat(t.getFloatData(i));
                }
            }
            case DOUBLE -> {
                requireCount(t, t.getDoubleDataCount(), n);
                for (int i = 0; i < n; i++) {
                    b.putDouble(t.getDoubleData(i));
                }
            }
            case INT64 -> {
                requireCount(t, t.getInt64DataCount(), n);
                for (int i = 0; i < n; i++) {
                    b.putLong(t.getInt64Data(i));
                }
            }
            case UINT32, UINT64 -> {
                requireCount(t, t.getUint64DataCount(), n);
                for (int i = 0; i < n; i++) {
                    if (type == DataType.UINT32) {
                        b.putInt((int) t.getUint64Data(i));
                    } else {
                        b.putLong(t.getUint64Data(i));
                    }
                }
            }
            default -> {
                // INT32 and every narrower type are stored in int32_data, one element per entry
                requireCount(t, t.getInt32DataCount(), n);
                for (int i = 0; i < n; i++) {
                    int v = t.getInt32Data(i);
                    switch (type.byteSize()) {
                        case 1 -> b.put((byte) v);
                        case 2 -> b.putShort((short) v);
                        default -> b.putInt(v);
                    }
                }
            }
        }
        return new Tensor(t.getName(), type, dims, b.array());
    }

    private static void requireCount(OnnxMl.TensorProto t, int have, int need) {
        if (have != need) {
            throw new OnnxFormatException("tensor '" + t.getName() + "' has " + have + " values but its shape needs "
                    + need);
        }
    }

    /** Lists the node op types that are outside CompressLab's op set (for messages). */
    public static List<String> unknownOps(Graph g) {
        List<String> ops = new ArrayList<>();
        g.nodes().stream().filter(n -> !org.compresslab.graph.OpSet.isSupported(n)).map(n -> n.opType())
                .distinct().forEach(ops::add);
        return ops;
    }
}

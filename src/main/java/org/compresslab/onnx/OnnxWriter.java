package org.compresslab.onnx;

import ai.onnx.proto.OnnxMl;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Shape;
import org.compresslab.graph.Tensor;
import org.compresslab.graph.ValueInfo;

/** Writes a {@link Graph} as an ONNX model; initializers are stored as raw data. */
public final class OnnxWriter {
    private OnnxWriter() {
    }

    public static byte[] toBytes(Graph g) {
        return toProto(g).toByteArray();
    }

    /**
     * Writes atomically: to a temporary file beside the target, flushed to disk, then renamed, so a
     * crash or a full disk never leaves a half-written model where a good one was.
     */
    public static void write(Graph g, Path file) throws IOException {
        byte[] bytes = toBytes(g);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            readableByAll(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE);
                 OutputStream out = java.nio.channels.Channels.newOutputStream(ch)) {
                out.write(bytes);
                out.flush();
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Temporary files are private (0600); a model the user saves should be readable like any other file. */
    private static void readableByAll(Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the platform's defaults apply
        }
    }

    public static OnnxMl.ModelProto toProto(Graph g) {
        OnnxMl.ModelProto.Builder m = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(g.irVersion())
                .setProducerName(g.producerName())
                .setProducerVersion(g.producerVersion());
        if (!g.docString().isEmpty()) {
            m.setDocString(g.docString());
        }
        try {
            m.mergeFrom(g.opaqueModelFields());
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("model fields were stored corrupt", e);
        }
        for (Map.Entry<String, Long> op : g.opsets().entrySet()) {
            m.addOpsetImport(OnnxMl.OperatorSetIdProto.newBuilder().setDomain(op.getKey()).setVersion(op.getValue()));
        }
        for (Map.Entry<String, String> e : g.metadata().entrySet()) {
            m.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(e.getKey()).setValue(e.getValue()));
        }
        OnnxMl.GraphProto.Builder gp = OnnxMl.GraphProto.newBuilder().setName(g.name());
        for (Node n : g.nodes()) {
            gp.addNode(node(n));
        }
        for (Tensor t : g.initializers().values()) {
            gp.addInitializer(tensor(t));
        }
        for (ValueInfo v : g.inputs()) {
            gp.addInput(valueInfo(v));
        }
        for (ValueInfo v : g.outputs()) {
            gp.addOutput(valueInfo(v));
        }
        Set<String> live = new HashSet<>();
        g.nodes().forEach(n -> live.addAll(n.outputs()));
        for (ValueInfo v : g.valueInfos().values()) {
            if (live.contains(v.name())) {
                gp.addValueInfo(valueInfo(v));
            }
        }
        return m.setGraph(gp).build();
    }

    private static OnnxMl.NodeProto node(Node n) {
        OnnxMl.NodeProto.Builder b = OnnxMl.NodeProto.newBuilder().setOpType(n.opType())
                .addAllInput(n.inputs()).addAllOutput(n.outputs());
        if (!n.name().isEmpty()) {
            b.setName(n.name());
        }
        if (!n.domain().isEmpty()) {
            b.setDomain(n.domain());
        }
        if (!n.docString().isEmpty()) {
            b.setDocString(n.docString());
        }
        for (Attribute a : n.attributes().values()) {
            b.addAttribute(attribute(a));
        }
        return b.build();
    }

    private static OnnxMl.AttributeProto attribute(Attribute a) {
        OnnxMl.AttributeProto.Builder b = OnnxMl.AttributeProto.newBuilder().setName(a.name());
        switch (a.kind()) {
            case FLOAT -> b.setType(OnnxMl.AttributeProto.AttributeType.FLOAT).setF(a.asFloat());
            case INT -> b.setType(OnnxMl.AttributeProto.AttributeType.INT).setI(a.asInt());
            case STRING -> b.setType(OnnxMl.AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8(a.asString()));
            case TENSOR -> b.setType(OnnxMl.AttributeProto.AttributeType.TENSOR).setT(tensor(a.asTensor()));
            case FLOATS -> {
                b.setType(OnnxMl.AttributeProto.AttributeType.FLOATS);
                for (float f : a.asFloats()) {
                    b.addFloats(f);
                }
            }
            case INTS -> {
                b.setType(OnnxMl.AttributeProto.AttributeType.INTS);
                for (long i : a.asInts()) {
                    b.addInts(i);
                }
            }
            case STRINGS -> {
                b.setType(OnnxMl.AttributeProto.AttributeType.STRINGS);
                a.asStrings().forEach(s -> b.addStrings(ByteString.copyFromUtf8(s)));
            }
            case OPAQUE -> {
                try {
                    return OnnxMl.AttributeProto.parseFrom(a.asOpaque());
                } catch (InvalidProtocolBufferException e) {
                    throw new IllegalStateException("attribute '" + a.name() + "' was stored corrupt", e);
                }
            }
            default -> throw new IllegalStateException("unknown attribute kind " + a.kind());
        }
        return b.build();
    }

    static OnnxMl.TensorProto tensor(Tensor t) {
        OnnxMl.TensorProto.Builder b = OnnxMl.TensorProto.newBuilder().setName(t.name())
                .setDataType(t.type().onnxCode())
                .setRawData(ByteString.copyFrom(t.rawData()));
        for (long d : t.dims()) {
            b.addDims(d);
        }
        return b.build();
    }

    private static OnnxMl.ValueInfoProto valueInfo(ValueInfo v) {
        OnnxMl.TypeProto.Tensor.Builder tt = OnnxMl.TypeProto.Tensor.newBuilder().setElemType(v.type().onnxCode());
        Shape s = v.shape();
        if (s != null) {
            OnnxMl.TensorShapeProto.Builder sb = OnnxMl.TensorShapeProto.newBuilder();
            for (int i = 0; i < s.rank(); i++) {
                OnnxMl.TensorShapeProto.Dimension.Builder d = OnnxMl.TensorShapeProto.Dimension.newBuilder();
                if (s.dim(i) >= 0) {
                    d.setDimValue(s.dim(i));
                } else if (s.symbol(i) != null) {
                    d.setDimParam(s.symbol(i));
                }
                sb.addDim(d);
            }
            tt.setShape(sb);
        }
        return OnnxMl.ValueInfoProto.newBuilder().setName(v.name())
                .setType(OnnxMl.TypeProto.newBuilder().setTensorType(tt)).build();
    }
}

package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.TensorNames.nodeName;
import static org.compresslab.runtime.tensorflow.TensorNames.outputIndex;
import static org.compresslab.runtime.tensorflow.TensorNames.tensorName;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.internal.c_api.TF_Buffer;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.FunctionDef;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.OpDef;
import org.tensorflow.proto.OpList;
import org.tensorflow.proto.TensorShapeProto;

/**
 * Replaces the calls of library functions (PartitionedCall, StatefulPartitionedCall, or a node whose op is
 * a function, as tf.function and Keras save models) with the called function's body, so the converter sees
 * one plain graph.
 *
 * <p>The body is imported into the loaded graph (under the call's name) with a placeholder per function
 * argument, shaped like the tensor the call passes, so TensorFlow infers the static shapes the conversion
 * needs. In the node list the converter walks, the body reads the call's inputs directly: a weight passed
 * as an argument (Keras passes its variables as captured inputs) is then a constant like any other. A body
 * node that is itself constant is computed through the session with those placeholders fed ({@link #feeds}).
 * A call that cannot be inlined is left as it is, and refused with its own message if the signature needs it.
 */
final class FunctionInliner {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionInliner.class);
    private static final int MAX_DEPTH = 16;

    private final org.tensorflow.Graph live;
    private final GraphDef graphDef;
    private final Map<String, FunctionDef> library = new HashMap<>();
    private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
    /** Each inlined call's outputs ("call:k") → the body tensor that computes them. */
    private final Map<String, String> aliases = new HashMap<>();
    /** Each argument placeholder in the loaded graph ("call/arg:0") → the tensor the call passed. */
    private final Map<String, String> feeds = new LinkedHashMap<>();
    /** Calls that could not be inlined → why. */
    private final Map<String, String> failed = new HashMap<>();
    private Map<String, OpDef> opDefs;

    FunctionInliner(org.tensorflow.Graph live, GraphDef graphDef) {
        this.live = live;
        this.graphDef = graphDef;
        graphDef.getLibrary().getFunctionList().forEach(f -> library.put(f.getSignature().getName(), f));
        graphDef.getNodeList().forEach(n -> nodes.put(n.getName(), n));
    }

    /**
     * The graph's nodes with every call the {@code outputs} depend on replaced by the called function's body,
     * where it can be (calls nested in a body too).
     */
    List<NodeDef> inline(List<String> outputs) {
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            List<NodeDef> calls = reachableFrom(outputs).stream().map(nodes::get)
                    .filter(n -> function(n) != null && !failed.containsKey(n.getName())).toList();
            boolean inlinedAny = false;
            for (NodeDef call : calls) {
                inlinedAny |= tryInline(call);
            }
            if (!inlinedAny) {
                break;
            }
        }
        return List.copyOf(nodes.values());
    }

    private Set<String> reachableFrom(List<String> outputs) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>();
        outputs.forEach(t -> todo.push(nodeName(resolve(t))));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            NodeDef n = nodes.get(name);
            if (n != null && seen.add(name)) {
                SignatureSubgraph.dataInputs(n).forEach(t -> todo.push(nodeName(t)));
            }
        }
        return seen;
    }

    /** The tensor a signature names, or what computes it now that its call is inlined. */
    String resolve(String tensor) {
        String t = tensor;
        for (int i = 0; i < MAX_DEPTH && aliases.containsKey(t); i++) {
            t = aliases.get(t);
        }
        return t;
    }

    /** Why the call {@code callName} was not inlined, or null. */
    String failure(String callName) {
        return failed.get(callName);
    }

    Map<String, String> feeds() {
        return feeds;
    }

    private FunctionDef function(NodeDef n) {
        if (SignatureSubgraph.FUNCTION_CALLS.contains(n.getOp()) && n.getAttrMap().containsKey("f")) {
            return library.get(n.getAttrMap().get("f").getFunc().getName());
        }
        return library.get(n.getOp());
    }

    private boolean tryInline(NodeDef call) {
        FunctionDef f = function(call);
        String prefix = call.getName();
        try {
            inline(call, f, prefix);
            return true;
        } catch (RuntimeException e) {
            LOG.debug("cannot inline the call '{}' of '{}': {}", call.getName(), f.getSignature().getName(), e.toString());
            failed.put(call.getName(), e.getMessage()); // left as it is: the converter refuses it if the signature needs it
            return false;
        }
    }

    private void inline(NodeDef call, FunctionDef f, String prefix) {
        OpDef sig = f.getSignature();
        List<String> callInputs = SignatureSubgraph.dataInputs(call);
        if (callInputs.size() != sig.getInputArgCount()) {
            throw new IllegalStateException("the call passes " + callInputs.size() + " inputs to "
                    + sig.getInputArgCount() + " arguments");
        }
        Map<String, NodeDef> body = new LinkedHashMap<>();
        f.getNodeDefList().forEach(n -> body.put(n.getName(), n));
        GraphDef.Builder def = GraphDef.newBuilder().setVersions(graphDef.getVersions());
        Map<String, String> argTensors = new HashMap<>();
        for (int i = 0; i < sig.getInputArgCount(); i++) {
            OpDef.ArgDef arg = sig.getInputArg(i);
            DataType type = arg.getType() != DataType.DT_INVALID ? arg.getType()
                    : call.getAttrMap().get(arg.getTypeAttr()) != null ? call.getAttrMap().get(arg.getTypeAttr()).getType()
                    : typeFromList(call, "Tin", i);
            def.addNode(NodeDef.newBuilder().setName(arg.getName()).setOp("Placeholder")
                    .putAttr("dtype", AttrValue.newBuilder().setType(type).build())
                    .putAttr("shape", AttrValue.newBuilder().setShape(shapeOf(callInputs.get(i))).build()));
            argTensors.put(arg.getName(), callInputs.get(i));
        }
        UnaryOperator<String> inBody = in -> bodyTensor(in, body);
        for (NodeDef n : f.getNodeDefList()) {
            NodeDef.Builder b = n.toBuilder().clearInput();
            n.getInputList().forEach(in -> b.addInput(inBody.apply(in)));
            def.addNode(b);
        }
        live.importGraphDef(def.build(), prefix);

        // the converter's copy: the body reads the call's inputs, not the placeholders
        for (NodeDef n : f.getNodeDefList()) {
            NodeDef.Builder b = n.toBuilder().setName(prefix + "/" + n.getName()).clearInput();
            for (String in : n.getInputList()) {
                boolean control = in.startsWith("^");
                String local = inBody.apply(in);
                String name = control ? local.substring(1) : local;
                String outer = argTensors.get(nodeName(tensorName(name)));
                if (outer != null) {
                    b.addInput(control ? "^" + nodeName(outer) : outer);
                } else {
                    b.addInput((control ? "^" : "") + prefix + "/" + name);
                }
            }
            nodes.put(prefix + "/" + n.getName(), b.build());
        }
        argTensors.forEach((arg, outer) -> feeds.put(prefix + "/" + arg + ":0", outer));
        for (int k = 0; k < sig.getOutputArgCount(); k++) {
            String ret = f.getRetMap().get(sig.getOutputArg(k).getName());
            String local = bodyTensor(ret, body);
            String outer = argTensors.get(nodeName(tensorName(local)));
            aliases.put(call.getName() + ":" + k, outer != null ? outer : prefix + "/" + tensorName(local));
        }
        rewireReadersOf(call.getName());
        nodes.remove(call.getName());
        LOG.info("inlined the call '{}' of the function '{}' ({} nodes)", call.getName(), sig.getName(),
                f.getNodeDefCount());
    }

    /** Points every reader of the call's outputs at the body tensors now computing them. */
    private void rewireReadersOf(String callName) {
        for (Map.Entry<String, NodeDef> e : nodes.entrySet()) {
            NodeDef n = e.getValue();
            boolean reads = n.getInputList().stream().anyMatch(in -> !in.startsWith("^") && nodeName(tensorName(in)).equals(callName));
            if (!reads) {
                continue;
            }
            NodeDef.Builder b = n.toBuilder().clearInput();
            for (String in : n.getInputList()) {
                b.addInput(in.startsWith("^") ? in : resolve(tensorName(in)));
            }
            e.setValue(b.build());
        }
    }

    /**
     * A body input in graph form: an argument "x" stays "x" (its placeholder), "node:out_arg:i" becomes
     * "node:k" with k the flat output index, "^node" stays.
     */
    private String bodyTensor(String in, Map<String, NodeDef> body) {
        if (in.startsWith("^")) {
            return in;
        }
        String[] parts = in.split(":");
        if (parts.length == 1) {
            return in;
        }
        if (parts.length != 3) {
            throw new IllegalStateException("unexpected function input '" + in + "'");
        }
        NodeDef producer = body.get(parts[0]);
        if (producer == null) {
            throw new IllegalStateException("the function has no node '" + parts[0] + "'");
        }
        return parts[0] + ":" + flatIndex(producer, parts[1], Integer.parseInt(parts[2]));
    }

    /** The position among all of a node's outputs of output {@code index} of its output argument {@code arg}. */
    private int flatIndex(NodeDef n, String arg, int index) {
        List<OpDef.ArgDef> outputs;
        FunctionDef called = function(n);
        if (called != null && !SignatureSubgraph.FUNCTION_CALLS.contains(n.getOp())) {
            outputs = called.getSignature().getOutputArgList();
        } else {
            OpDef op = opDefs().get(n.getOp());
            if (op == null) {
                throw new IllegalStateException("unknown op " + n.getOp());
            }
            outputs = op.getOutputArgList();
        }
        int offset = 0;
        for (OpDef.ArgDef a : outputs) {
            if (a.getName().equals(arg)) {
                return offset + index;
            }
            offset += count(n, a);
        }
        throw new IllegalStateException("the op " + n.getOp() + " has no output '" + arg + "'");
    }

    private static int count(NodeDef n, OpDef.ArgDef a) {
        if (!a.getNumberAttr().isEmpty()) {
            return (int) n.getAttrMap().get(a.getNumberAttr()).getI();
        }
        if (!a.getTypeListAttr().isEmpty()) {
            return n.getAttrMap().get(a.getTypeListAttr()).getList().getTypeCount();
        }
        return 1;
    }

    private static DataType typeFromList(NodeDef call, String attr, int i) {
        AttrValue list = call.getAttrMap().get(attr);
        if (list == null || list.getList().getTypeCount() <= i) {
            throw new IllegalStateException("the type of argument " + i + " is unknown");
        }
        return list.getList().getType(i);
    }

    private TensorShapeProto shapeOf(String tensor) {
        org.tensorflow.ndarray.Shape s = live.operation(nodeName(tensor)).output(outputIndex(tensor)).shape();
        TensorShapeProto.Builder b = TensorShapeProto.newBuilder();
        if (s.isUnknown()) {
            return b.setUnknownRank(true).build();
        }
        for (long d : s.asArray()) {
            b.addDim(TensorShapeProto.Dim.newBuilder().setSize(d));
        }
        return b.build();
    }

    /** Every op TensorFlow has registered, for the output arguments of the ops in a body. */
    private Map<String, OpDef> opDefs() {
        if (opDefs == null) {
            opDefs = new HashMap<>();
            TF_Buffer buffer = org.tensorflow.internal.c_api.global.tensorflow.TF_GetAllOpList();
            try {
                OpList list = OpList.parseFrom(buffer.dataAsByteBuffer());
                list.getOpList().forEach(op -> opDefs.put(op.getName(), op));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException("cannot read TensorFlow's op list", e);
            } finally {
                org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteBuffer(buffer);
            }
        }
        return opDefs;
    }
}

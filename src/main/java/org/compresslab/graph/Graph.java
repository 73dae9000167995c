package org.compresslab.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one in-memory model every technique edits: nodes in topological order, constant tensors
 * (initializers), declared inputs and outputs, plus the model-level facts ONNX carries (opsets,
 * producer, metadata) so a model read and written back keeps them.
 */
public final class Graph {
    private String name = "graph";
    private final List<Node> nodes = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, ValueInfo> valueInfos = new LinkedHashMap<>();
    private final Map<String, Long> opsets = new LinkedHashMap<>();
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private long irVersion = 8;
    private String producerName = "CompressLab";
    private String producerVersion = "";
    private String docString = "";
    private byte[] opaqueModelFields = new byte[0];

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    // ---- nodes -------------------------------------------------------------------------------

    public List<Node> nodes() {
        return Collections.unmodifiableList(nodes);
    }

    public void addNode(Node node) {
        nodes.add(node);
    }

    public void removeNode(Node node) {
        if (!nodes.remove(node)) {
            throw new IllegalArgumentException(node + " is not in the graph");
        }
    }

    /** Puts {@code replacement} (in order) where {@code old} was. */
    public void replaceNode(Node old, List<Node> replacement) {
        int at = indexOf(old);
        nodes.remove(at);
        nodes.addAll(at, replacement);
    }

    public void insertBefore(Node anchor, Node node) {
        nodes.add(indexOf(anchor), node);
    }

    public void insertAfter(Node anchor, Node node) {
        nodes.add(indexOf(anchor) + 1, node);
    }

    private int indexOf(Node node) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) == node) {
                return i;
            }
        }
        throw new IllegalArgumentException(node + " is not in the graph");
    }

    /** Replaces the node list wholesale (used by topological sorting). */
    void setNodeOrder(List<Node> ordered) {
        nodes.clear();
        nodes.addAll(ordered);
    }

    public Optional<Node> node(String nodeName) {
        return nodes.stream().filter(n -> n.name().equals(nodeName)).findFirst();
    }

    /** The node that produces {@code value}, empty for graph inputs and initializers. */
    public Optional<Node> producer(String value) {
        for (Node n : nodes) {
            if (n.outputs().contains(value)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The nodes that read {@code value}, in graph order. */
    public List<Node> consumers(String value) {
        List<Node> result = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs().contains(value)) {
                result.add(n);
            }
        }
        return result;
    }

    /**
     * Makes every reader of {@code from} read {@code to} instead, graph outputs included; nodes in
     * {@code except} keep reading {@code from} (typically the node that now produces {@code to}).
     */
    public void rewireConsumers(String from, String to, Node... except) {
        Set<Node> skip = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        skip.addAll(List.of(except));
        for (Node n : nodes) {
            if (!skip.contains(n)) {
                n.replaceInput(from, to);
            }
        }
        for (int i = 0; i < outputs.size(); i++) {
            ValueInfo o = outputs.get(i);
            if (o.name().equals(from)) {
                outputs.set(i, new ValueInfo(to, o.type(), o.shape()));
            }
        }
    }

    /** A value or node name not yet used in this graph, starting with {@code prefix}. */
    public String uniqueName(String prefix) {
        Set<String> used = new HashSet<>(initializers.keySet());
        for (Node n : nodes) {
            used.add(n.name());
            used.addAll(n.outputs());
        }
        inputs.forEach(v -> used.add(v.name()));
        if (!used.contains(prefix)) {
            return prefix;
        }
        for (int i = 1; ; i++) {
            String candidate = prefix + "_" + i;
            if (!used.contains(candidate)) {
                return candidate;
            }
        }
    }

    // ---- initializers ------------------------------------------------------------------------

    public Map<String, Tensor> initializers() {
        return Collections.unmodifiableMap(initializers);
    }

    public Optional<Tensor> initializer(String value) {
        return Optional.ofNullable(initializers.get(value));
    }

    public boolean isInitializer(String value) {
        return initializers.containsKey(value);
    }

    /** Adds or replaces the initializer with the tensor's name. */
    public void putInitializer(Tensor tensor) {
        initializers.put(tensor.name(), tensor);
    }

    public void removeInitializer(String value) {
        initializers.remove(value);
    }

    /**
     * Drops initializers that no node reads and that are not graph outputs, and their declarations
     * among the graph inputs (older models list initializers there).
     */
    public int removeUnusedInitializers() {
        Set<String> used = new HashSet<>();
        nodes.forEach(n -> used.addAll(n.inputs()));
        outputs.forEach(o -> used.add(o.name()));
        Set<String> removed = new HashSet<>(initializers.keySet());
        removed.removeAll(used);
        initializers.keySet().removeAll(removed);
        inputs.removeIf(v -> removed.contains(v.name()));
        return removed.size();
    }

    // ---- inputs, outputs, value infos -------------------------------------------------------

    /** Declared graph inputs, possibly including initializers (older ONNX models list them). */
    public List<ValueInfo> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    /** Graph inputs a caller must feed: declared inputs that are not initializers. */
    public List<ValueInfo> runtimeInputs() {
        return inputs.stream().filter(v -> !initializers.containsKey(v.name())).toList();
    }

    public void addInput(ValueInfo v) {
        inputs.add(v);
    }

    public void setInput(int i, ValueInfo v) {
        inputs.set(i, v);
    }

    public List<ValueInfo> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    public void addOutput(ValueInfo v) {
        outputs.add(v);
    }

    public void setOutput(int i, ValueInfo v) {
        outputs.set(i, v);
    }

    /** Type and shape annotations of intermediate values as the source model gave them. */
    public Map<String, ValueInfo> valueInfos() {
        return Collections.unmodifiableMap(valueInfos);
    }

    public void putValueInfo(ValueInfo v) {
        valueInfos.put(v.name(), v);
    }

    public void removeValueInfo(String name) {
        valueInfos.remove(name);
    }

    /** Forgets intermediate annotations, e.g. after an edit made them stale. */
    public void clearValueInfos() {
        valueInfos.clear();
    }

    /** Every value name the graph defines: inputs, initializers and node outputs. */
    public Set<String> definedValues() {
        Set<String> defined = new HashSet<>(initializers.keySet());
        inputs.forEach(v -> defined.add(v.name()));
        nodes.forEach(n -> defined.addAll(n.outputs()));
        return defined;
    }

    // ---- model-level facts -------------------------------------------------------------------

    /** Operator set versions by domain ("" is the default ONNX domain). */
    public Map<String, Long> opsets() {
        return opsets;
    }

    /** The default-domain opset version, or -1 when the model declares none. */
    public long opsetVersion() {
        Long v = opsets.get("");
        if (v == null) {
            v = opsets.get("ai.onnx");
        }
        return v == null ? -1 : v;
    }

    /** Free-form model metadata (ONNX {@code metadata_props}), e.g. the preprocessing spec. */
    public Map<String, String> metadata() {
        return metadata;
    }

    public long irVersion() {
        return irVersion;
    }

    public void setIrVersion(long irVersion) {
        this.irVersion = irVersion;
    }

    public String producerName() {
        return producerName;
    }

    public void setProducerName(String producerName) {
        this.producerName = producerName;
    }

    public String producerVersion() {
        return producerVersion;
    }

    public void setProducerVersion(String producerVersion) {
        this.producerVersion = producerVersion;
    }

    public String docString() {
        return docString;
    }

    public void setDocString(String docString) {
        this.docString = docString == null ? "" : docString;
    }

    /** A deep copy: techniques edit the copy and leave the source graph as it was. Tensors are immutable and shared. */
    public Graph copy() {
        Graph g = new Graph();
        g.name = name;
        for (Node n : nodes) {
            Node c = new Node(n.name(), n.opType(), n.domain(), n.inputs(), n.outputs());
            n.attributes().values().forEach(c::setAttribute);
            c.setDocString(n.docString());
            g.nodes.add(c);
        }
        g.initializers.putAll(initializers);
        g.inputs.addAll(inputs);
        g.outputs.addAll(outputs);
        g.valueInfos.putAll(valueInfos);
        g.opsets.putAll(opsets);
        g.metadata.putAll(metadata);
        g.irVersion = irVersion;
        g.producerName = producerName;
        g.producerVersion = producerVersion;
        g.docString = docString;
        g.opaqueModelFields = opaqueModelFields;
        return g;
    }

    /**
     * Model-level fields CompressLab does not interpret (local functions, training info, model
     * domain and version), kept serialized by the format reader so the writer can put them back.
     */
    public byte[] opaqueModelFields() {
        return opaqueModelFields.clone();
    }

    public void setOpaqueModelFields(byte[] serialized) {
        this.opaqueModelFields = serialized == null ? new byte[0] : serialized.clone();
    }

    public Collection<Node> nodesOfType(String opType) {
        return nodes.stream().filter(n -> n.opType().equals(opType)).toList();
    }
}

package org.compresslab.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One operator application. Inputs and outputs are value names; an empty string marks an omitted
 * optional input, as in ONNX. Attributes keep their order so the written model reads like the source.
 */
public final class Node {
    private String name;
    private final String opType;
    private final String domain;
    private final List<String> inputs;
    private final List<String> outputs;
    private final Map<String, Attribute> attributes = new LinkedHashMap<>();
    private String docString = "";

    public Node(String name, String opType, String domain, List<String> inputs, List<String> outputs) {
        this.name = name == null ? "" : name;
        this.opType = opType;
        this.domain = domain == null ? "" : domain;
        this.inputs = new ArrayList<>(inputs);
        this.outputs = new ArrayList<>(outputs);
    }

    public Node(String name, String opType, List<String> inputs, List<String> outputs) {
        this(name, opType, "", inputs, outputs);
    }

    public String name() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String opType() {
        return opType;
    }

    /** Operator set domain; "" is the default ONNX domain (also written "ai.onnx"). */
    public String domain() {
        return domain;
    }

    public boolean isDefaultDomain() {
        return domain.isEmpty() || domain.equals("ai.onnx");
    }

    public List<String> inputs() {
        return Collections.unmodifiableList(inputs);
    }

    public List<String> outputs() {
        return Collections.unmodifiableList(outputs);
    }

    /** The i-th input's name, or "" when the input is absent. */
    public String input(int i) {
        return i < inputs.size() ? inputs.get(i) : "";
    }

    public boolean hasInput(int i) {
        return !input(i).isEmpty();
    }

    public String output(int i) {
        return outputs.get(i);
    }

    public void setInput(int i, String value) {
        while (inputs.size() <= i) {
            inputs.add("");
        }
        inputs.set(i, value);
    }

    public void setOutput(int i, String value) {
        outputs.set(i, value);
    }

    /** Replaces every use of {@code from} among this node's inputs; returns how many were replaced. */
    public int replaceInput(String from, String to) {
        int count = 0;
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).equals(from)) {
                inputs.set(i, to);
                count++;
            }
        }
        return count;
    }

    public Map<String, Attribute> attributes() {
        return Collections.unmodifiableMap(attributes);
    }

    public Optional<Attribute> attribute(String attrName) {
        return Optional.ofNullable(attributes.get(attrName));
    }

    public Node setAttribute(Attribute attribute) {
        attributes.put(attribute.name(), attribute);
        return this;
    }

    public void removeAttribute(String attrName) {
        attributes.remove(attrName);
    }

    public long intAttr(String attrName, long defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asInt();
    }

    public float floatAttr(String attrName, float defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asFloat();
    }

    public String stringAttr(String attrName, String defaultValue) {
        Attribute a = attributes.get(attrName);
        return a == null ? defaultValue : a.asString();
    }

    /** An INTS attribute, or null when absent. */
    public long[] intsAttr(String attrName) {
        Attribute a = attributes.get(attrName);
        return a == null ? null : a.asInts();
    }

    public String docString() {
        return docString;
    }

    public void setDocString(String docString) {
        this.docString = docString == null ? "" : docString;
    }

    /** A short label for messages: the node's name, or its op and first output when unnamed. */
    public String label() {
        return name.isEmpty() ? opType + "→" + (outputs.isEmpty() ? "?" : outputs.get(0)) : name;
    }

    @Override
    public String toString() {
        return label() + "(" + opType + ")";
    }
}

package org.compresslab.runtime.tensorflow;

import static org.compresslab.runtime.tensorflow.TensorNames.nodeName;
import static org.compresslab.runtime.tensorflow.TensorNames.outputIndex;
import static org.compresslab.runtime.tensorflow.TensorNames.tensorName;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.compresslab.runtime.InferenceException;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.NodeDef;

/**
 * The part of a SavedModel's TensorFlow graph that a signature's outputs depend on, split into what must be
 * converted (nodes that depend on the fed inputs) and what is constant (constants, variable reads and
 * arithmetic on them). Every constant tensor a converted node reads is evaluated once through the loaded
 * session, so weights are found however the model stores them.
 */
final class SignatureSubgraph {
    /** Ops that call a library function; their results are never folded (the caller refuses them). */
    static final Set<String> FUNCTION_CALLS = Set.of("StatefulPartitionedCall", "PartitionedCall");

    private final Map<String, NodeDef> nodes = new HashMap<>();
    private final org.tensorflow.Graph live;
    private final Session session;
    private final Set<String> constantNodes = new HashSet<>();
    private final Map<String, ConstantTensor> constants = new HashMap<>();
    /** How many converted nodes (and signature outputs) read each tensor. */
    private final Map<String, Integer> readers = new HashMap<>();
    private final Set<String> fed = new HashSet<>();
    /** Placeholders of inlined function arguments → the tensors the calls passed ({@link FunctionInliner}). */
    private final Map<String, String> argumentFeeds;

    SignatureSubgraph(org.tensorflow.Graph live, Session session, List<NodeDef> graphDef, Map<String, String> argumentFeeds) {
        this.live = live;
        this.session = session;
        this.argumentFeeds = argumentFeeds;
        for (NodeDef n : graphDef) {
            nodes.put(n.getName(), n);
        }
    }

    /**
     * The nodes the conversion reads, inputs before readers: the non-constant nodes the outputs need and
     * the constants they read. Marks which are constant and counts each tensor's readers.
     */
    List<NodeDef> select(Set<String> fedTensors, List<String> outputTensors) {
        fed.addAll(fedTensors);
        List<String> order = topologicalOrder(outputTensors);
        for (String name : order) {
            NodeDef n = node(name);
            boolean constant = !n.getOp().equals("Placeholder") && !isFed(name)
                    && !FUNCTION_CALLS.contains(n.getOp())
                    && dataInputs(n).stream().allMatch(t -> constantNodes.contains(nodeName(t)));
            if (constant) {
                constantNodes.add(name);
            }
        }
        return neededNodes(order, outputTensors);
    }

    /** Every node the outputs depend on through data edges, inputs before readers. */
    private List<String> topologicalOrder(List<String> outputTensors) {
        List<String> order = new ArrayList<>();
        Set<String> done = new HashSet<>();
        Set<String> onPath = new HashSet<>();
        Deque<String[]> stack = new ArrayDeque<>();
        for (String t : outputTensors) {
            stack.push(new String[] {nodeName(t), "enter"});
        }
        while (!stack.isEmpty()) {
            String[] top = stack.pop();
            String name = top[0];
            if (top[1].equals("exit")) {
                onPath.remove(name);
                if (done.add(name)) {
                    order.add(name);
                }
                continue;
            }
            if (done.contains(name) || onPath.contains(name)) {
                continue; // a cycle (control flow) is reported when its op is converted
            }
            onPath.add(name);
            stack.push(new String[] {name, "exit"});
            for (String t : dataInputs(node(name))) {
                if (!done.contains(nodeName(t))) {
                    stack.push(new String[] {nodeName(t), "enter"});
                }
            }
        }
        return order;
    }

    private List<NodeDef> neededNodes(List<String> order, List<String> outputTensors) {
        Set<String> needed = new HashSet<>();
        outputTensors.forEach(t -> {
            needed.add(nodeName(t));
            readers.merge(t, 1, Integer::sum);
        });
        List<NodeDef> result = new ArrayList<>();
        for (int i = order.size() - 1; i >= 0; i--) {
            String name = order.get(i);
            if (!needed.contains(name)) {
                continue;
            }
            NodeDef n = node(name);
            result.add(n);
            if (constantNodes.contains(name) || isFed(name)) {
                continue;
            }
            for (String t : convertedInputs(n)) {
                needed.add(nodeName(t));
                readers.merge(t, 1, Integer::sum);
            }
        }
        Collections.reverse(result);
        return result;
    }

    /** Evaluates, in one session run, every constant tensor a converted node reads. */
    void fetchConstants(List<NodeDef> needed) {
        Set<String> wanted = new LinkedHashSet<>();
        for (NodeDef n : needed) {
            if (constantNodes.contains(n.getName())) {
                continue;
            }
            for (String t : convertedInputs(n)) {
                if (constantNodes.contains(nodeName(t))) {
                    wanted.add(t);
                }
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        List<String> order = new ArrayList<>(wanted);
        List<String> feeds = argumentFeedsFor(order);
        List<String> passed = feeds.stream().map(argumentFeeds::get).toList();
        try (Result values = passed.isEmpty() ? null : fetch(passed, List.of(), null);
             Result r = fetch(order, feeds, values)) {
            for (int i = 0; i < order.size(); i++) {
                constants.put(order.get(i), ConstantTensor.of(r.get(i)));
            }
        } catch (TensorFlowException e) {
            throw new SavedModelException("TensorFlow cannot compute the model's weights: "
                    + InferenceException.firstLine(e.getMessage()), e);
        }
    }

    private Result fetch(List<String> tensors, List<String> feeds, Result feedValues) {
        Session.Runner runner = session.runner();
        for (int i = 0; i < feeds.size(); i++) {
            runner.feed(nodeName(feeds.get(i)), outputIndex(feeds.get(i)), feedValues.get(i));
        }
        tensors.forEach(t -> runner.fetch(nodeName(t), outputIndex(t)));
        return runner.run();
    }

    /**
     * The argument placeholders to feed when a constant inside an inlined function body is computed (in the
     * loaded graph the body reads placeholders): those of the bodies involved whose passed value is constant.
     */
    private List<String> argumentFeedsFor(List<String> tensors) {
        List<String> feeds = new ArrayList<>();
        for (Map.Entry<String, String> e : argumentFeeds.entrySet()) {
            String body = nodeName(e.getKey()).substring(0, nodeName(e.getKey()).lastIndexOf('/') + 1);
            boolean involved = tensors.stream().anyMatch(t -> nodeName(t).startsWith(body)
                    && !node(nodeName(t)).getOp().equals("Const"));
            if (involved && isConstant(e.getValue())) {
                feeds.add(e.getKey());
            }
        }
        return feeds;
    }

    /** Whether the node is converted, i.e. neither constant nor one of the signature's inputs. */
    boolean isConverted(NodeDef n) {
        return !constantNodes.contains(n.getName()) && !isFed(n.getName());
    }

    boolean isFed(String nodeName) {
        return fed.contains(nodeName + ":0");
    }

    /** Whether the tensor does not depend on the signature's inputs. */
    boolean isConstant(String tensor) {
        return constantNodes.contains(nodeName(tensor));
    }

    /** The value of a constant tensor a converted node reads, or null when it is not constant. */
    ConstantTensor constant(String tensor) {
        return constants.get(tensor);
    }

    int readers(String tensor) {
        return readers.getOrDefault(tensor, 0);
    }

    NodeDef node(String name) {
        NodeDef n = nodes.get(name);
        if (n == null) {
            throw new SavedModelException("the SavedModel's graph has no node '" + name + "'");
        }
        return n;
    }

    /** Data inputs (control dependencies, written "^node", are not data). */
    static List<String> dataInputs(NodeDef n) {
        List<String> out = new ArrayList<>();
        for (String in : n.getInputList()) {
            if (!in.startsWith("^")) {
                out.add(tensorName(in));
            }
        }
        return out;
    }

    /**
     * The inputs the conversion of {@code n} reads. A Reshape whose target shape is computed from the
     * input's shape (Keras' Flatten with an unknown batch) takes the target from TensorFlow's static shape
     * instead, so the shape arithmetic is not converted.
     */
    private List<String> convertedInputs(NodeDef n) {
        List<String> in = dataInputs(n);
        if (n.getOp().equals("Reshape") && in.size() == 2 && !constantNodes.contains(nodeName(in.get(1)))
                && staticReshapeTarget(n) != null) {
            return in.subList(0, 1);
        }
        return in;
    }

    /** TensorFlow's static shape of a tensor (-1 for unknown dimensions), or null when its rank is unknown. */
    long[] staticShape(String tensor) {
        org.tensorflow.ndarray.Shape s = live.operation(nodeName(tensor)).output(outputIndex(tensor)).shape();
        return s.isUnknown() ? null : s.asArray();
    }

    int rankOf(String tensor) {
        long[] s = staticShape(tensor);
        return s == null ? -1 : s.length;
    }

    /** A Reshape's target from TensorFlow's static output shape when at most its batch dimension is unknown. */
    long[] staticReshapeTarget(NodeDef n) {
        long[] s = staticShape(n.getName() + ":0");
        if (s == null) {
            return null;
        }
        for (int i = 1; i < s.length; i++) {
            if (s[i] < 0) {
                return null;
            }
        }
        return s;
    }
}

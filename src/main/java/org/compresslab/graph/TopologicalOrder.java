package org.compresslab.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Sorts a graph's nodes so every node comes after the producers of its inputs (stable: keeps the given order where it can). */
public final class TopologicalOrder {
    private TopologicalOrder() {
    }

    /** Reorders {@code graph}'s nodes in place; throws a {@link GraphException} naming a node on a cycle. */
    public static void sort(Graph graph) {
        List<Node> nodes = graph.nodes();
        Map<String, Node> producers = new HashMap<>();
        for (Node n : nodes) {
            for (String o : n.outputs()) {
                if (!o.isEmpty()) {
                    producers.put(o, n);
                }
            }
        }
        Map<Node, Integer> pending = new IdentityHashMap<>();
        Map<Node, List<Node>> readers = new IdentityHashMap<>();
        for (Node n : nodes) {
            Set<Node> deps = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            for (String in : n.inputs()) {
                Node p = producers.get(in);
                if (p != null && p != n) {
                    deps.add(p);
                }
            }
            pending.put(n, deps.size());
            for (Node p : deps) {
                readers.computeIfAbsent(p, k -> new ArrayList<>()).add(n);
            }
        }
        Deque<Node> ready = new ArrayDeque<>();
        for (Node n : nodes) {
            if (pending.get(n) == 0) {
                ready.add(n);
            }
        }
        List<Node> ordered = new ArrayList<>(nodes.size());
        while (!ready.isEmpty()) {
            Node n = ready.poll();
            ordered.add(n);
            for (Node r : readers.getOrDefault(n, List.of())) {
                if (pending.merge(r, -1, Integer::sum) == 0) {
                    ready.add(r);
                }
            }
        }
        if (ordered.size() != nodes.size()) {
            Node stuck = nodes.stream().filter(n -> pending.get(n) > 0).findFirst().orElseThrow();
            throw new GraphException("the graph has a cycle through node '" + stuck.label()
                    + "': a model's nodes must form a directed acyclic graph");
        }
        graph.setNodeOrder(ordered);
    }
}

package org.compresslab.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
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
        Map<Node, Integer> position = new IdentityHashMap<>();
        for (Node n : nodes) {
            position.put(n, position.size());
        }
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
        // the ready node listed first goes first, so a graph already in order keeps its order
        PriorityQueue<Node> ready = new PriorityQueue<>((a, b) -> Integer.compare(position.get(a), position.get(b)));
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
            // every stuck node waits on a stuck producer: following producers must come back round to a cycle
            Set<Node> visited = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
            Node stuck = nodes.stream().filter(n -> pending.get(n) > 0).findFirst().orElseThrow();
            while (visited.add(stuck)) {
                stuck = stuckProducer(stuck, producers, pending);
            }
            throw new GraphException("the graph has a cycle through node '" + stuck.label()
                    + "': a model's nodes must form a directed acyclic graph");
        }
        graph.setNodeOrder(ordered);
    }

    private static Node stuckProducer(Node n, Map<String, Node> producers, Map<Node, Integer> pending) {
        for (String in : n.inputs()) {
            Node p = producers.get(in);
            if (p != null && p != n && pending.get(p) > 0) {
                return p;
            }
        }
        throw new IllegalStateException("node " + n + " is pending without a pending producer");
    }
}

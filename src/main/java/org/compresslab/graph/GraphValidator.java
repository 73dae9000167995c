package org.compresslab.graph;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a graph's structure and returns every problem in plain words (empty list = valid). */
public final class GraphValidator {
    private GraphValidator() {
    }

    public static List<String> problems(Graph graph) {
        List<String> problems = new ArrayList<>();
        if (graph.nodes().isEmpty()) {
            problems.add("the graph has no nodes");
        }
        if (graph.outputs().isEmpty()) {
            problems.add("the graph declares no outputs");
        }
        Set<String> defined = new HashSet<>(graph.initializers().keySet());
        graph.inputs().forEach(v -> defined.add(v.name()));
        Set<String> givenValues = Set.copyOf(defined);
        Set<String> producedTwice = new HashSet<>();
        Set<String> produced = new HashSet<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty() && !defined.contains(in)) {
                    boolean later = graph.producer(in).isPresent();
                    problems.add("node '" + n.label() + "' reads '" + in + "', which "
                            + (later ? "is produced only after it (nodes are not in topological order)"
                            : "nothing produces"));
                }
            }
            for (String out : n.outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (!produced.add(out) || givenValues.contains(out)) {
                    producedTwice.add(out);
                }
                defined.add(out);
            }
        }
        for (String v : producedTwice) {
            problems.add("value '" + v + "' is produced more than once");
        }
        for (ValueInfo o : graph.outputs()) {
            if (!defined.contains(o.name())) {
                problems.add("graph output '" + o.name() + "' is never produced");
            }
        }
        return problems;
    }

    /** Throws a {@link GraphException} listing the problems, if any. */
    public static void check(Graph graph) {
        List<String> problems = problems(graph);
        if (!problems.isEmpty()) {
            throw new GraphException("invalid model: " + String.join("; ", problems));
        }
    }
}

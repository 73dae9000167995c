package org.compresslab.compress.quantize;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;

/** An {@code exclude} list (node names or op types) as the set of nodes to quantize. */
final class Exclusions {
    private Exclusions() {
    }

    /** Accepts nodes not named in {@code exclude}; a name matching nothing adds a warning. */
    static Predicate<Node> of(List<String> exclude, Graph g, List<String> warnings) {
        Set<String> names = new HashSet<>(exclude);
        for (String e : exclude) {
            boolean matches = g.nodes().stream().anyMatch(n -> n.name().equals(e) || n.opType().equals(e));
            if (!matches) {
                warnings.add("exclude: no node or op type named '" + e + "' in the model (ignored)");
            }
        }
        return n -> !names.contains(n.name()) && !names.contains(n.opType());
    }
}

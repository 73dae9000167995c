package org.compresslab.compress.quantize;

import java.util.List;
import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;

/** A layer whose weights a quantizer converted: name, op and weight count. */
public record QuantizedLayer(String name, String op, long weights) {

    static List<QuantizedLayer> list(CalibratedModel.QuantizedVariant q) {
        return list(q.model(), q.quantizedLayers());
    }

    static List<QuantizedLayer> list(Graph g, List<String> names) {
        return names.stream().map(n -> {
            Node node = g.node(n).orElseThrow();
            long w = g.initializer(node.input(1)).map(t -> t.elementCount())
                    .orElseGet(() -> g.producer(node.input(1)).flatMap(dq -> g.initializer(dq.input(0)))
                            .map(t -> t.elementCount()).orElse(0L));
            return new QuantizedLayer(n, node.opType(), w);
        }).toList();
    }
}

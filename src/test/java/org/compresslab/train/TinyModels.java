package org.compresslab.train;

import java.util.List;
import org.compresslab.graph.Attribute;
import org.compresslab.graph.Graph;
import org.compresslab.graph.GraphBuilder;

/** Small graphs for training tests, built in code. */
final class TinyModels {
    private TinyModels() {
    }

    /** Conv-BN-ReLU-pool ×2, global average pool, linear: ~3k parameters on 1×28×28. */
    static Graph smallCnn(long seed) {
        GraphBuilder b = new GraphBuilder("small-cnn", 17, seed);
        String x = b.input("input", 1, 28, 28);
        x = b.relu(b.batchNorm(b.conv(x, 1, 8, 3, 1, 1, 1, false), 8));
        x = b.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        x = b.relu(b.batchNorm(b.conv(x, 8, 16, 3, 1, 1, 1, false), 16));
        x = b.op("MaxPool", List.of(x), Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2));
        x = b.op("GlobalAveragePool", List.of(x));
        x = b.op("Flatten", List.of(x));
        String logits = b.linear(x, 16, 10);
        b.output(logits, 10);
        return b.graph();
    }
}

package org.compresslab.compress.prune;

import java.util.Optional;
import org.compresslab.graph.Graph;

/**
 * A layer whose output channels make a channel group: a Conv (weight axis 0), a ConvTranspose
 * (weight axis 1) or a Gemm/MatMul (the weight axis of its output units), with its bias if it has one.
 * Its weight rows are what importance criteria such as L1 or L2 score.
 */
public record ProducerSlice(TensorSlice weight, TensorSlice bias) {

    public String node() {
        return weight.node();
    }

    public String opType() {
        return weight.opType();
    }

    public int nodeIndex() {
        return weight.nodeIndex();
    }

    public Optional<TensorSlice> biasSlice() {
        return Optional.ofNullable(bias);
    }

    /** Each output channel's weights ({@code [channel][elements]}) as the graph holds them now. */
    public float[][] channelWeights(Graph g, int channels) {
        return weight.channelValues(g, channels);
    }
}

package org.compresslab.compress.prune;

import org.compresslab.graph.Graph;
import org.compresslab.graph.Node;
import org.compresslab.graph.Tensor;

/**
 * The part of a constant that belongs to a channel group: the tensor read as input {@code input} of node
 * {@code node}, along {@code axis}, where channel {@code c} of the group occupies the indices
 * {@code offset + c·block … offset + (c+1)·block − 1}. The block is 1 except after Flatten, where one
 * channel is H×W consecutive inputs of the next Gemm; the offset is non-zero where a Concat put the
 * group's channels after other ones.
 *
 * @param nodeIndex the node's position in the analysed graph's node list (names may be empty or repeated)
 * @param node      the node's label, for reports
 */
public record TensorSlice(int nodeIndex, String node, String opType, int input, int axis, int offset, int block) {

    /** The constant as the graph holds it now (an initializer or a Constant node's value). */
    public Tensor tensor(Graph g) {
        Node n = g.nodes().get(nodeIndex);
        return Constants.tensor(g, n.input(input))
                .orElseThrow(() -> new IllegalStateException(node + " no longer reads a constant as input " + input));
    }

    /**
     * The elements of each of the group's {@code channels} channels, e.g. the rows of a convolution
     * weight for L1/L2 importance: {@code result[c]} holds every element whose index along the axis
     * falls in channel {@code c}'s block, in the tensor's element order.
     */
    public float[][] channelValues(Graph g, int channels) {
        Tensor t = tensor(g);
        float[] values = t.toFloats();
        long[] dims = t.dims();
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= (int) dims[i];
        }
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= (int) dims[i];
        }
        int length = (int) dims[axis];
        float[][] out = new float[channels][outer * block * inner];
        for (int c = 0; c < channels; c++) {
            int pos = 0;
            for (int o = 0; o < outer; o++) {
                int from = (o * length + offset + c * block) * inner;
                System.arraycopy(values, from, out[c], pos, block * inner);
                pos += block * inner;
            }
        }
        return out;
    }
}

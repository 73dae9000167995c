package org.compresslab.compress;

import static org.assertj.core.api.Assertions.assertThat;

import org.compresslab.eval.ModelFile;
import org.compresslab.graph.Graph;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {

    @Test
    void foldingEveryBatchNormOfResNet20KeepsItsOutputs() {
        ModelFile m = CompressionFixtures.sample("resnet20");
        Graph g = m.graph().copy();
        int bns = g.nodesOfType("BatchNormalization").size();

        int folded = BatchNormFolding.foldInPlace(g);

        assertThat(folded).isEqualTo(bns).isEqualTo(21); // 19 convolutions + 2 projection shortcuts
        assertThat(g.nodesOfType("BatchNormalization")).isEmpty();
        float[] before = CompressionFixtures.outputs(m.graph(), m.preprocessing().orElseThrow(), 32);
        float[] after = CompressionFixtures.outputs(g, m.preprocessing().orElseThrow(), 32);
        double maxDiff = 0;
        for (int i = 0; i < before.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(before[i] - after[i]));
        }
        assertThat(maxDiff).isLessThan(1e-3);
    }

    @Test
    void aBatchNormWhoseConvolutionFeedsAnotherNodeIsLeftAlone() {
        Graph g = CompressionFixtures.sample("resnet8").graph().copy();
        var bn = g.nodesOfType("BatchNormalization").iterator().next();
        String convOut = bn.input(0);
        // a second reader of the convolution's output: folding would change what it sees
        g.addNode(new org.compresslab.graph.Node("spy", "Relu", java.util.List.of(convOut), java.util.List.of("spy_out")));
        int total = g.nodesOfType("BatchNormalization").size();

        int folded = BatchNormFolding.foldInPlace(g);

        assertThat(folded).isEqualTo(total - 1);
        assertThat(g.nodesOfType("BatchNormalization")).containsExactly(bn);
    }
}

package org.compresslab.train.catalogue;

import org.compresslab.graph.Graph;

/**
 * A small VGG (Simonyan & Zisserman 2015 style) for CPU training: conv 3×3 + BN + ReLU blocks
 * [64, 64, M, 128, 128, M, 256, 256, M] (M = 2×2 max pool), then global average pooling and one
 * fully connected layer 256 → classes instead of VGG's large classifier.
 */
final class VggSmall {
    static final String ID = "vgg-small";
    static final String DESCRIPTION = "Small VGG: six 3×3 conv + BatchNorm + ReLU layers (64-64-128-128-256-256) "
            + "with three max pools, global average pooling and one linear layer (about 1.15 M parameters)";
    private static final int[][] STAGES = {{64, 64}, {128, 128}, {256, 256}};

    private VggSmall() {
    }

    static Graph build(ImageSpec spec, long seed) {
        spec.requireAtLeast(8, ID); // three 2×2 pools
        NamedGraphBuilder b = new NamedGraphBuilder(ID, DESCRIPTION, seed);
        String x = b.input(spec);
        int channels = spec.channels();
        for (int s = 0; s < STAGES.length; s++) {
            for (int i = 0; i < STAGES[s].length; i++) {
                String name = "features." + (s + 1) + "." + i;
                x = b.conv(name + ".conv", x, channels, STAGES[s][i], 3, 1, 1, 1, false);
                x = b.batchNorm(name + ".bn", x, STAGES[s][i]);
                x = b.relu(name + ".relu", x);
                channels = STAGES[s][i];
            }
            x = b.maxPool("features." + (s + 1) + ".pool", x, 2, 2);
        }
        x = b.globalAveragePool("pool", x);
        x = b.flatten("flatten", x);
        x = b.linear("fc", NamedGraphBuilder.OUTPUT, x, channels, spec.classes());
        b.output(x, spec.classes());
        return b.graph();
    }
}

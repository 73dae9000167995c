package org.compresslab.train.catalogue;

import org.compresslab.graph.Graph;

/**
 * The CIFAR ResNets of He et al. 2016 (§4.2): a 3×3 conv with 16 filters, then three stages of
 * {@code n} basic blocks with 16, 32 and 64 channels (depth 6n + 2: ResNet-8, -20, -56 for n = 1, 3, 9),
 * the first block of stages 2 and 3 striding by 2, then global average pooling and a fully connected
 * layer. Where a block changes the shape its shortcut is a 1×1 conv with stride 2 and BatchNorm
 * (option B); elsewhere it is the identity. Each block: conv–BN–ReLU–conv–BN, Add shortcut, ReLU.
 */
final class CifarResNet {
    private static final int[] WIDTHS = {16, 32, 64};

    private CifarResNet() {
    }

    static String id(int depth) {
        return "resnet" + depth;
    }

    static String description(int depth) {
        int n = (depth - 2) / 6;
        return "ResNet-" + depth + " for CIFAR (He et al. 2016): 3 stages of " + n + " basic block"
                + (n == 1 ? "" : "s") + " with 16/32/64 channels, 1×1-conv shortcuts when the shape changes";
    }

    static Graph build(int depth, ImageSpec spec, long seed) {
        if ((depth - 2) % 6 != 0 || depth < 8) {
            throw new IllegalArgumentException("a CIFAR ResNet has depth 6n + 2 (8, 14, 20, …), not " + depth);
        }
        int blocksPerStage = (depth - 2) / 6;
        NamedGraphBuilder b = new NamedGraphBuilder(id(depth), description(depth), seed);
        String x = b.input(spec);
        x = b.conv("stem.conv", x, spec.channels(), WIDTHS[0], 3, 1, 1, 1, false);
        x = b.batchNorm("stem.bn", x, WIDTHS[0]);
        x = b.relu("stem.relu", x);
        int channels = WIDTHS[0];
        for (int stage = 0; stage < WIDTHS.length; stage++) {
            for (int block = 0; block < blocksPerStage; block++) {
                int stride = stage > 0 && block == 0 ? 2 : 1;
                x = basicBlock(b, "layer" + (stage + 1) + "." + block, x, channels, WIDTHS[stage], stride);
                channels = WIDTHS[stage];
            }
        }
        x = b.globalAveragePool("pool", x);
        x = b.flatten("flatten", x);
        x = b.linear("fc", NamedGraphBuilder.OUTPUT, x, channels, spec.classes());
        b.output(x, spec.classes());
        return b.graph();
    }

    private static String basicBlock(NamedGraphBuilder b, String name, String x, int in, int out, int stride) {
        String y = b.conv(name + ".conv1", x, in, out, 3, stride, 1, 1, false);
        y = b.batchNorm(name + ".bn1", y, out);
        y = b.relu(name + ".relu1", y);
        y = b.conv(name + ".conv2", y, out, out, 3, 1, 1, 1, false);
        y = b.batchNorm(name + ".bn2", y, out);
        String shortcut = x;
        if (stride != 1 || in != out) {
            shortcut = b.conv(name + ".shortcut.conv", x, in, out, 1, stride, 0, 1, false);
            shortcut = b.batchNorm(name + ".shortcut.bn", shortcut, out);
        }
        y = b.add(name + ".add", y, shortcut);
        return b.relu(name + ".relu2", y);
    }
}

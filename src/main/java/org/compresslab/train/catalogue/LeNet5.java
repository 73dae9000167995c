package org.compresslab.train.catalogue;

import org.compresslab.graph.Graph;

/**
 * LeNet-5 (LeCun et al. 1998) with ReLU and max pooling: Conv 6@5×5 pad 2 → ReLU → MaxPool 2 →
 * Conv 16@5×5 → ReLU → MaxPool 2 → Flatten → 120 → ReLU → 84 → ReLU → classes. The first conv is
 * padded so a 28×28 image gives the classic 16×5×5 = 400 features; other sizes get their own
 * flatten width (3×32×32: 16×6×6 = 576). Convolutions have a zero bias; there is no BatchNorm.
 */
final class LeNet5 {
    static final String ID = "lenet5";
    static final String DESCRIPTION = "LeNet-5: two 5×5 convolutions with max pooling and three fully connected "
            + "layers (about 62 k parameters at 28×28)";

    private LeNet5() {
    }

    static Graph build(ImageSpec spec, long seed) {
        // conv1 keeps the size (pad 2), pool halves, conv2 removes 4, pool halves: need ⌊H/2⌋ − 4 ≥ 2
        spec.requireAtLeast(12, ID);
        NamedGraphBuilder b = new NamedGraphBuilder(ID, DESCRIPTION, seed);
        String x = b.input(spec);
        x = b.conv("conv1", x, spec.channels(), 6, 5, 1, 2, 1, true);
        x = b.relu("relu1", x);
        x = b.maxPool("pool1", x, 2, 2);
        x = b.conv("conv2", x, 6, 16, 5, 1, 0, 1, true);
        x = b.relu("relu2", x);
        x = b.maxPool("pool2", x, 2, 2);
        x = b.flatten("flatten", x);
        int features = 16 * spatial(spec.height()) * spatial(spec.width());
        x = b.linear("fc1", "fc1", x, features, 120);
        x = b.relu("relu3", x);
        x = b.linear("fc2", "fc2", x, 120, 84);
        x = b.relu("relu4", x);
        x = b.linear("fc3", NamedGraphBuilder.OUTPUT, x, 84, spec.classes());
        b.output(x, spec.classes());
        return b.graph();
    }

    /** Size of one side after conv1 (same), pool, conv2 (−4), pool. */
    private static int spatial(int side) {
        return (side / 2 - 4) / 2;
    }
}

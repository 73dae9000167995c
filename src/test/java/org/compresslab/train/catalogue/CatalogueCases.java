package org.compresslab.train.catalogue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The architectures × input shapes every catalogue test covers: gray 28×28 (MNIST-like) and colour 32×32 (CIFAR-like). */
final class CatalogueCases {
    static final int CLASSES = 10;
    static final List<int[]> SHAPES = List.of(new int[] {1, 28, 28}, new int[] {3, 32, 32});

    private CatalogueCases() {
    }

    /** (id, channels, height, width) for every listed id and both shapes. */
    static Stream<Arguments> everyArchitectureAndShape() {
        return ModelCatalogue.ids().stream()
                .flatMap(id -> SHAPES.stream().map(s -> Arguments.of(id, s[0], s[1], s[2])));
    }
}

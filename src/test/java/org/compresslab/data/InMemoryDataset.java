package org.compresslab.data;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** 1x1 gray images whose pixel is {@code index % 256} and label {@code index % classes}; counts reads. */
final class InMemoryDataset implements ImageDataset {

    private final int size;
    private final int classes;
    private final int failingIndex;
    final AtomicInteger reads = new AtomicInteger();

    InMemoryDataset(int size, int classes) {
        this(size, classes, -1);
    }

    InMemoryDataset(int size, int classes, int failingIndex) {
        this.size = size;
        this.classes = classes;
        this.failingIndex = failingIndex;
    }

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<String> classNames() {
        return IntStream.range(0, classes).mapToObj(c -> "class" + c).toList();
    }

    @Override
    public LabeledImage get(int index) {
        Objects.checkIndex(index, size);
        reads.incrementAndGet();
        if (index == failingIndex) {
            throw new DatasetException("item " + index + " is broken");
        }
        return new LabeledImage(new RawImage(1, 1, 1, new byte[] {(byte) index}), label(index));
    }

    @Override
    public int label(int index) {
        return index % classes;
    }
}

package org.compresslab.data;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Preprocessed batches over a dataset, one at a time, so memory stays at one or two batches whatever
 * the dataset size. The last batch may be smaller than the batch size. Every batch gets fresh arrays,
 * so a consumer may keep it.
 *
 * <p>With {@link #withReadAhead()} the next batch is decoded on a background thread while the caller
 * works on the current one; call {@link #close()} to stop it when leaving early. Meant for one
 * consumer thread.
 */
public final class BatchStream implements Iterator<Batch>, AutoCloseable {

    private final ImageDataset dataset;
    private final Preprocessing preprocessing;
    private final int batchSize;
    /** Dataset indices to visit, or null for 0..count-1. */
    private final int[] indices;
    private final int count;

    private int nextStart;
    private boolean closed;
    private ExecutorService readAhead;
    private Future<Batch> pending;

    /** Every image of {@code dataset}, in order. */
    public BatchStream(ImageDataset dataset, Preprocessing preprocessing, int batchSize) {
        this(dataset, preprocessing, batchSize, Integer.MAX_VALUE);
    }

    /** The first {@code limit} images of {@code dataset} (all when it has fewer), in order. */
    public BatchStream(ImageDataset dataset, Preprocessing preprocessing, int batchSize, int limit) {
        this(dataset, preprocessing, batchSize, null, Math.min(checkLimit(limit), dataset.size()));
    }

    private BatchStream(ImageDataset dataset, Preprocessing preprocessing, int batchSize, int[] indices, int count) {
        this.dataset = Objects.requireNonNull(dataset, "dataset");
        this.preprocessing = Objects.requireNonNull(preprocessing, "preprocessing");
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
        this.batchSize = batchSize;
        this.indices = indices;
        this.count = count;
    }

    /** The images at {@code indices}, in that order (e.g. a calibration subset from {@link Subsets}). */
    public static BatchStream of(ImageDataset dataset, Preprocessing preprocessing, int batchSize, int[] indices) {
        Objects.requireNonNull(dataset, "dataset");
        int[] copy = Objects.requireNonNull(indices, "indices").clone();
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0 || copy[i] >= dataset.size()) {
                throw new IllegalArgumentException("index " + copy[i] + " (position " + i + ") is outside "
                        + dataset.name() + ", which has " + dataset.size() + " images");
            }
        }
        return new BatchStream(dataset, preprocessing, batchSize, copy, copy.length);
    }

    /** Decodes the next batch on a background thread; call before the first {@link #next()}. */
    public BatchStream withReadAhead() {
        if (nextStart > 0 || closed) {
            throw new IllegalStateException("read-ahead must be chosen before the first batch");
        }
        if (readAhead == null) {
            readAhead = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "batch-read-ahead-" + dataset.name());
                thread.setDaemon(true);
                return thread;
            });
        }
        return this;
    }

    /** Number of images this stream delivers in total. */
    public int imageCount() {
        return count;
    }

    /** Number of batches this stream delivers in total. */
    public int batchCount() {
        return (count + batchSize - 1) / batchSize;
    }

    public int batchSize() {
        return batchSize;
    }

    @Override
    public boolean hasNext() {
        return !closed && (pending != null || nextStart < count);
    }

    /**
     * @throws DatasetException if an image cannot be read (from the background thread too)
     */
    @Override
    public Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(closed ? "the batch stream is closed" : "no more batches");
        }
        if (readAhead == null) {
            return load(claimNextRange());
        }
        Future<Batch> current = pending != null ? pending : submit(claimNextRange());
        pending = nextStart < count ? submit(claimNextRange()) : null;
        return await(current);
    }

    @Override
    public void close() {
        closed = true;
        if (pending != null) {
            pending.cancel(true);
            pending = null;
        }
        if (readAhead != null) {
            readAhead.shutdownNow();
        }
    }

    private record Range(int start, int size) {
    }

    private Range claimNextRange() {
        int size = Math.min(batchSize, count - nextStart);
        Range range = new Range(nextStart, size);
        nextStart += size;
        return range;
    }

    private Future<Batch> submit(Range range) {
        return readAhead.submit(() -> load(range));
    }

    private Batch await(Future<Batch> future) {
        try {
            return future.get();
        } catch (ExecutionException e) {
            close();
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new DatasetException("reading a batch failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new DatasetException("interrupted while reading a batch", e);
        }
    }

    private Batch load(Range range) {
        int perImage = preprocessing.elementsPerImage();
        float[] data = new float[range.size() * perImage];
        int[] labels = new int[range.size()];
        int[] batchIndices = new int[range.size()];
        for (int i = 0; i < range.size(); i++) {
            int position = range.start() + i;
            int index = indices == null ? position : indices[position];
            LabeledImage item = dataset.get(index);
            preprocessing.apply(item.image(), data, i * perImage);
            labels[i] = item.label();
            batchIndices[i] = index;
        }
        return new Batch(data, labels, range.size(), preprocessing.shape(range.size()), batchIndices);
    }

    private static int checkLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + limit);
        }
        return limit;
    }
}

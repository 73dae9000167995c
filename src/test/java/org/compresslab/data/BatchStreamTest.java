package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchStreamTest {

    private static final Preprocessing PIXEL_VALUES =
            new Preprocessing(1, 1, 1, new float[] {0f}, new float[] {1f / 255f}, "NCHW");

    private static List<Batch> drain(BatchStream stream) {
        List<Batch> batches = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(batches::add);
        }
        return batches;
    }

    private static int[] allIndices(List<Batch> batches) {
        return batches.stream().flatMapToInt(b -> IntStream.of(b.indices())).toArray();
    }

    @ParameterizedTest(name = "read-ahead {0}")
    @ValueSource(booleans = {false, true})
    void coversEveryImageOnceWithASmallerLastBatch(boolean readAhead) {
        InMemoryDataset dataset = new InMemoryDataset(10, 3);
        BatchStream stream = new BatchStream(dataset, PIXEL_VALUES, 4);
        if (readAhead) {
            stream.withReadAhead();
        }
        assertThat(stream.batchCount()).isEqualTo(3);

        List<Batch> batches = drain(stream);

        assertThat(batches).extracting(Batch::size).containsExactly(4, 4, 2);
        assertThat(allIndices(batches)).containsExactly(IntStream.range(0, 10).toArray());
        assertThat(dataset.reads).hasValue(10);
        Batch last = batches.get(2);
        assertThat(last.shape()).containsExactly(2, 1, 1, 1);
        assertThat(last.data()).hasSize(2);
        assertThat(last.data()[1]).isCloseTo(9f, within(1e-4f));
        assertThat(last.labels()).containsExactly(8 % 3, 9 % 3);
    }

    @Test
    void limitStopsAfterTheFirstNImages() {
        List<Batch> batches = drain(new BatchStream(new InMemoryDataset(100, 2), PIXEL_VALUES, 8, 20));

        assertThat(allIndices(batches)).containsExactly(IntStream.range(0, 20).toArray());
        assertThat(batches).extracting(Batch::size).containsExactly(8, 8, 4);
    }

    @Test
    void limitLargerThanTheDatasetMeansAllAndZeroMeansNone() {
        assertThat(new BatchStream(new InMemoryDataset(5, 2), PIXEL_VALUES, 2, 1000).imageCount()).isEqualTo(5);
        BatchStream none = new BatchStream(new InMemoryDataset(5, 2), PIXEL_VALUES, 2, 0);
        assertThat(none.hasNext()).isFalse();
        assertThatThrownBy(none::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void iteratesAGivenIndexListInItsOrder() {
        int[] subset = {7, 2, 9};

        List<Batch> batches = drain(BatchStream.of(new InMemoryDataset(10, 5), PIXEL_VALUES, 2, subset));

        assertThat(allIndices(batches)).containsExactly(7, 2, 9);
        assertThat(batches.get(0).labels()).containsExactly(2, 2);
        assertThat(batches.get(1).labels()).containsExactly(4);
    }

    @Test
    void rejectsIndicesOutsideTheDataset() {
        assertThatThrownBy(() -> BatchStream.of(new InMemoryDataset(10, 5), PIXEL_VALUES, 2, new int[] {1, 10}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index 10 (position 1) is outside in-memory, which has 10 images");
        assertThatThrownBy(() -> new BatchStream(new InMemoryDataset(1, 1), PIXEL_VALUES, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readAheadDecodesAtMostOneBatchBeyondTheCurrentOne() throws Exception {
        InMemoryDataset dataset = new InMemoryDataset(1000, 2);
        try (BatchStream stream = new BatchStream(dataset, PIXEL_VALUES, 10).withReadAhead()) {
            stream.next();
            Thread.sleep(100);

            assertThat(dataset.reads.get()).isLessThanOrEqualTo(20);
        }
    }

    @ParameterizedTest(name = "read-ahead {0}")
    @ValueSource(booleans = {false, true})
    void aBrokenImageSurfacesItsDatasetException(boolean readAhead) {
        BatchStream stream = new BatchStream(new InMemoryDataset(10, 2, 5), PIXEL_VALUES, 4);
        if (readAhead) {
            stream.withReadAhead();
        }
        try (stream) {
            stream.next();
            assertThatThrownBy(stream::next).isInstanceOf(DatasetException.class).hasMessage("item 5 is broken");
        }
    }

    @Test
    void closingEndsTheStream() {
        BatchStream stream = new BatchStream(new InMemoryDataset(10, 2), PIXEL_VALUES, 4).withReadAhead();
        stream.next();

        stream.close();

        assertThat(stream.hasNext()).isFalse();
        assertThatThrownBy(stream::next).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void batchesUseTheLayoutOfThePreprocessing() {
        Preprocessing nhwc = new Preprocessing(2, 2, 3, new float[] {0f}, new float[] {1f}, "NHWC");

        Batch batch = drain(new BatchStream(new InMemoryDataset(3, 1), nhwc, 3)).get(0);

        assertThat(batch.shape()).containsExactly(3, 2, 2, 3);
        assertThat(batch.data()).hasSize(3 * 2 * 2 * 3);
    }
}

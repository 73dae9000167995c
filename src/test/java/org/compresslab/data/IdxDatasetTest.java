package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxDatasetTest {

    @TempDir
    Path tmp;

    private static IdxDataset fashion(String prefix) {
        Path dir = TestData.fashionMnistDirectory();
        return IdxDataset.read(dir.resolve(prefix + "-images-idx3-ubyte.gz"),
                dir.resolve(prefix + "-labels-idx1-ubyte.gz"), "fashion-mnist/" + prefix,
                Datasets.FASHION_MNIST_CLASSES);
    }

    @Test
    void readsAllSixtyThousandTrainingImagesWithLabels() {
        long start = System.nanoTime();
        IdxDataset train = fashion("train");
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertThat(train.size()).isEqualTo(60_000);
        assertThat(train.width()).isEqualTo(28);
        assertThat(train.height()).isEqualTo(28);
        int[] perClass = new int[10];
        for (int i = 0; i < train.size(); i++) {
            perClass[train.label(i)]++;
        }
        assertThat(perClass).containsOnly(6_000);
        LabeledImage last = train.get(59_999);
        assertThat(last.image().width()).isEqualTo(28);
        assertThat(last.image().channels()).isEqualTo(1);
        // Generous bound: the point is "read once into memory", not a benchmark.
        assertThat(millis).isLessThan(10_000);
    }

    @Test
    void readsTenThousandTestImagesWhoseFirstIsAnAnkleBoot() {
        IdxDataset test = fashion("t10k");

        assertThat(test.size()).isEqualTo(10_000);
        LabeledImage first = test.get(0);
        assertThat(first.label()).isEqualTo(9);
        assertThat(test.classNames().get(first.label())).isEqualTo("Ankle boot");
        assertThat(first.image().pixels()).hasSize(28 * 28).containsAnyOf((byte) 0xFF);
        for (int i = 0; i < test.size(); i++) {
            assertThat(test.label(i)).isBetween(0, 9);
        }
    }

    @Test
    void getReturnsTheStoredPixelsAndLabelOfPlainUncompressedFiles() {
        byte[] pixels = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12};
        Path images = TestData.write(tmp.resolve("images-idx3-ubyte"), TestData.idxImages(2, 2, 3, pixels));
        Path labels = TestData.write(tmp.resolve("labels-idx1-ubyte"), TestData.idxLabels((byte) 1, (byte) 0));

        IdxDataset dataset = IdxDataset.read(images, labels);

        assertThat(dataset.size()).isEqualTo(2);
        assertThat(dataset.classNames()).containsExactly("0", "1");
        LabeledImage second = dataset.get(1);
        assertThat(second.label()).isZero();
        assertThat(second.image()).isEqualTo(new RawImage(3, 2, 1, new byte[] {7, 8, 9, 10, 11, 12}));
    }

    @Test
    void detectsGzipFromContentNotFromName() {
        byte[] pixels = {(byte) 200, 100};
        Path images = TestData.write(tmp.resolve("imgs.bin"), TestData.gzip(TestData.idxImages(1, 1, 2, pixels)));
        Path labels = TestData.write(tmp.resolve("labels.gz"), TestData.idxLabels((byte) 3));

        IdxDataset dataset = IdxDataset.read(images, labels);

        assertThat(dataset.get(0).image().sample(0, 0, 0)).isEqualTo(200);
        assertThat(dataset.label(0)).isEqualTo(3);
    }

    @Test
    void rejectsAFileWithTheWrongMagicNumberNamingIt() {
        Path images = TestData.writeGzip(tmp.resolve("train-images-idx3-ubyte.gz"),
                new byte[] {0, 0, 8, 4, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0});
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0));

        assertThatThrownBy(() -> IdxDataset.read(images, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("train-images-idx3-ubyte.gz: not an IDX image file (magic 0x00000804");
    }

    @Test
    void saysWhenImagesAndLabelsAreSwapped() {
        Path images = TestData.write(tmp.resolve("images"), TestData.idxImages(1, 1, 1, new byte[] {0}));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0));

        assertThatThrownBy(() -> IdxDataset.read(labels, images))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("labels: not an IDX image file (magic 0x00000801")
                .hasMessageContaining("this is a label file");
    }

    @Test
    void rejectsATruncatedImageFileSayingHowMuchIsMissing() {
        byte[] full = TestData.idxImages(3, 2, 2, new byte[12]);
        Path images = TestData.write(tmp.resolve("short-images"), Arrays.copyOf(full, full.length - 5));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0, (byte) 0, (byte) 0));

        assertThatThrownBy(() -> IdxDataset.read(images, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("short-images: the file is truncated")
                .hasMessageContaining("3 images of 2x2 (12 bytes of pixels) but only 7 bytes follow");
    }

    @Test
    void rejectsATruncatedGzipStream() {
        byte[] gz = TestData.gzip(TestData.idxImages(100, 10, 10, new byte[10_000]));
        Path images = TestData.write(tmp.resolve("cut-images.gz"), Arrays.copyOf(gz, gz.length / 2));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels(new byte[100]));

        assertThatThrownBy(() -> IdxDataset.read(images, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("cut-images.gz")
                .hasMessageContaining("truncated");
    }

    @Test
    void rejectsAFileShorterThanItsHeader() {
        Path images = TestData.write(tmp.resolve("tiny"), new byte[] {0, 0, 8, 3, 0});
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0));

        assertThatThrownBy(() -> IdxDataset.read(images, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessage("tiny: not an IDX image file: it is only 5 bytes long, shorter than the 16-byte header");
    }

    @Test
    void rejectsDifferentImageAndLabelCounts() {
        Path images = TestData.write(tmp.resolve("images"), TestData.idxImages(3, 1, 1, new byte[3]));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0, (byte) 1));

        assertThatThrownBy(() -> IdxDataset.read(images, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("image and label counts differ: 3 vs 2");
    }

    @Test
    void rejectsLabelsOutsideTheClassList() {
        Path images = TestData.write(tmp.resolve("images"), TestData.idxImages(2, 1, 1, new byte[2]));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 1, (byte) 2));

        assertThatThrownBy(() -> IdxDataset.read(images, labels, "x", List.of("a", "b")))
                .isInstanceOf(DatasetException.class)
                .hasMessage("labels: label 2 of item 1 is outside the 2 classes 0..1");
    }

    @Test
    void rejectsTrailingBytesAfterTheAnnouncedData() {
        byte[] content = Arrays.copyOf(TestData.idxImages(1, 1, 1, new byte[1]), 18);
        Path images = TestData.write(tmp.resolve("long"), content);
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0));

        assertThatThrownBy(() -> IdxDataset.read(images, labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("long: the file is longer than its IDX header announces");
    }

    @Test
    void namesAMissingFile() {
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0));

        assertThatThrownBy(() -> IdxDataset.read(tmp.resolve("nowhere.gz"), labels))
                .isInstanceOf(DatasetException.class)
                .hasMessageEndingWith("nowhere.gz: file not found");
    }

    @Test
    void rejectsOutOfRangeIndices() {
        Path images = TestData.write(tmp.resolve("images"), TestData.idxImages(1, 1, 1, new byte[1]));
        Path labels = TestData.write(tmp.resolve("labels"), TestData.idxLabels((byte) 0));
        IdxDataset dataset = IdxDataset.read(images, labels);

        assertThatThrownBy(() -> dataset.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> dataset.get(-1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}

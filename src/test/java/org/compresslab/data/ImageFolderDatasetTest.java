package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderDatasetTest {

    @TempDir
    Path root;

    @Test
    void classIndicesFollowSortedFolderNamesAndFilesAreSorted() {
        TestData.grayPng(root.resolve("dog/b.png"), 2, 2, 30);
        TestData.grayPng(root.resolve("dog/a.png"), 2, 2, 20);
        TestData.grayPng(root.resolve("cat/z.png"), 2, 2, 10);

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertThat(dataset.classNames()).containsExactly("cat", "dog");
        assertThat(dataset.size()).isEqualTo(3);
        assertThat(dataset.file(0)).isEqualTo(root.resolve("cat/z.png"));
        assertThat(dataset.file(1)).isEqualTo(root.resolve("dog/a.png"));
        assertThat(dataset.file(2)).isEqualTo(root.resolve("dog/b.png"));
        assertThat(dataset.label(0)).isZero();
        assertThat(dataset.label(2)).isEqualTo(1);
        LabeledImage item = dataset.get(1);
        assertThat(item.label()).isEqualTo(1);
        assertThat(item.image().sample(1, 1, 0)).isEqualTo(20);
    }

    @Test
    void decodesPngJpegAndBmpWithGrayAndColour() throws Exception {
        BufferedImage rgb = new RawImage(1, 1, 3, new byte[] {(byte) 250, 10, 10}).toBufferedImage();
        TestData.png(root.resolve("red/1.png"), rgb);
        Files.createDirectories(root.resolve("red"));
        ImageIO.write(rgb, "bmp", root.resolve("red/2.BMP").toFile());
        ImageIO.write(rgb, "jpeg", root.resolve("red/3.jpg").toFile());
        TestData.grayPng(root.resolve("red/4.png"), 3, 1, 77);

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertThat(dataset.size()).isEqualTo(4);
        assertThat(dataset.get(0).image().pixels()).containsExactly((byte) 250, 10, 10);
        assertThat(dataset.get(1).image().pixels()).containsExactly((byte) 250, 10, 10);
        RawImage jpeg = dataset.get(2).image();
        assertThat(jpeg.channels()).isEqualTo(3);
        assertThat(jpeg.sample(0, 0, 0)).isGreaterThan(200);
        assertThat(dataset.get(3).image().channels()).isEqualTo(1);
    }

    @Test
    void ignoresOtherFilesAndHiddenEntries() throws Exception {
        TestData.grayPng(root.resolve("a/1.png"), 1, 1, 0);
        Files.writeString(root.resolve("a/notes.txt"), "hello");
        Files.writeString(root.resolve("labels.csv"), "x");
        TestData.grayPng(root.resolve(".cache/1.png"), 1, 1, 0);
        TestData.grayPng(root.resolve("a/.hidden.png"), 1, 1, 0);

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertThat(dataset.classNames()).containsExactly("a");
        assertThat(dataset.size()).isEqualTo(1);
    }

    @Test
    void aFileThatIsNotAnImageFailsWhenReadNamingIt() throws Exception {
        TestData.grayPng(root.resolve("a/1.png"), 1, 1, 0);
        Path broken = root.resolve("a/2.png");
        Files.writeString(broken, "this is not a PNG", StandardCharsets.UTF_8);
        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertThat(dataset.get(0).label()).isZero();
        assertThatThrownBy(() -> dataset.get(1))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(broken + ": not a readable image")
                .hasMessageEndingWith("replace or remove the file");
    }

    @Test
    void anEmptyFolderSaysClassFoldersAreNeeded() {
        assertThatThrownBy(() -> ImageFolderDataset.open(root))
                .isInstanceOf(DatasetException.class)
                .hasMessage(root + ": no class folders found; an image folder dataset needs one sub-folder of"
                        + " images per class");
    }

    @Test
    void imagesWithoutClassFoldersAreExplained() {
        TestData.grayPng(root.resolve("1.png"), 1, 1, 0);

        assertThatThrownBy(() -> ImageFolderDataset.open(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("must be in one sub-folder per class");
    }

    @Test
    void classFoldersWithoutImagesAreRejected() throws Exception {
        Files.createDirectories(root.resolve("cat"));
        Files.createDirectories(root.resolve("dog"));

        assertThatThrownBy(() -> ImageFolderDataset.open(root))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("the class folders [cat, dog] contain no images");
    }

    @Test
    void anEmptyClassFolderKeepsItsClassIndex() throws Exception {
        Files.createDirectories(root.resolve("a"));
        TestData.grayPng(root.resolve("b/1.png"), 1, 1, 0);

        ImageFolderDataset dataset = ImageFolderDataset.open(root);

        assertThat(dataset.classNames()).containsExactly("a", "b");
        assertThat(dataset.get(0).label()).isEqualTo(1);
    }

    @Test
    void aMissingFolderIsNamed() {
        Path missing = root.resolve("nope");

        assertThatThrownBy(() -> ImageFolderDataset.open(missing))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith(missing + ": no such folder");
    }
}

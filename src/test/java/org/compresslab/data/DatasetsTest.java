package org.compresslab.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {

    @TempDir
    Path tmp;

    @Test
    void opensFashionMnistSplitsByName() {
        ImageDataset test = Datasets.open("fashion-mnist", "test");

        assertThat(test.name()).isEqualTo("fashion-mnist/test");
        assertThat(test.size()).isEqualTo(10_000);
        assertThat(test.classNames()).hasSize(10).startsWith("T-shirt/top").endsWith("Ankle boot");
        assertThat(Datasets.open("Fashion-MNIST", "TRAIN").size()).isEqualTo(60_000);
    }

    @Test
    void unknownSplitListsTheValidOnes() {
        assertThatThrownBy(() -> Datasets.open("fashion-mnist", "validation"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("unknown split 'validation' for fashion-mnist; use one of: train, test");
        assertThatThrownBy(() -> Datasets.open("fashion-mnist", null))
                .isInstanceOf(DatasetException.class)
                .hasMessage("no split given for fashion-mnist; use one of: train, test");
    }

    @Test
    void unknownDatasetSaysWhatIsAccepted() {
        assertThatThrownBy(() -> Datasets.open("cifar-10", "train"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("unknown dataset 'cifar-10': not 'fashion-mnist' and no such folder; give 'fashion-mnist'"
                        + " or the path of an image folder (one sub-folder of images per class)");
    }

    @Test
    void fashionMnistDirectoryPrefersTheSystemPropertyThenHomeThenWorkingDirectoryThenSystem() throws Exception {
        Path fromProperty = Files.createDirectories(tmp.resolve("datasets/fashion-mnist"));
        Path home = tmp.resolve("home");
        Path fromHome = Files.createDirectories(home.resolve("resources/datasets/fashion-mnist"));
        Path checkout = tmp.resolve("checkout");
        Path fromWalk = Files.createDirectories(checkout.resolve("resources/datasets/fashion-mnist"));
        Path workingDir = Files.createDirectories(checkout.resolve("a/b"));
        Path system = Files.createDirectories(tmp.resolve("usr/share/datasets/fashion-mnist"));
        String property = tmp.resolve("datasets").toString();

        assertThat(Datasets.fashionMnistDirectory(property, home.toString(), workingDir, system)).isEqualTo(fromProperty);
        assertThat(Datasets.fashionMnistDirectory(tmp.resolve("elsewhere").toString(), home.toString(), workingDir,
                system)).isEqualTo(fromHome);
        assertThat(Datasets.fashionMnistDirectory(null, null, workingDir, system)).isEqualTo(fromWalk);
        Path unrelated = Files.createDirectories(tmp.resolve("unrelated"));
        assertThat(Datasets.fashionMnistDirectory(null, null, unrelated, system)).isEqualTo(system);
    }

    @Test
    void missingFashionMnistSaysWhereItLookedAndWhatToDo() {
        Path nowhere = tmp.resolve("none");

        assertThatThrownBy(() -> Datasets.fashionMnistDirectory(null, null, tmp, nowhere))
                .isInstanceOf(DatasetException.class)
                .hasMessageStartingWith("Fashion-MNIST not found; looked in [")
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("-Dcompresslab.datasets=");
    }

    @Test
    void opensAnImageFolderByPathIgnoringTheSplit() {
        TestData.grayPng(tmp.resolve("pets/cat/1.png"), 1, 1, 0);

        ImageDataset dataset = Datasets.open(tmp.resolve("pets").toString(), "test");

        assertThat(dataset).isInstanceOf(ImageFolderDataset.class);
        assertThat(dataset.name()).isEqualTo("pets");
        assertThat(dataset.classNames()).containsExactly("cat");
    }

    @Test
    void usesTheSplitSubFolderWhenThereAreSome() {
        TestData.grayPng(tmp.resolve("pets/train/cat/1.png"), 1, 1, 10);
        TestData.grayPng(tmp.resolve("pets/test/cat/1.png"), 1, 1, 20);
        TestData.grayPng(tmp.resolve("pets/test/dog/1.png"), 1, 1, 30);
        String pets = tmp.resolve("pets").toString();

        ImageDataset test = Datasets.open(pets, "test");

        assertThat(test.name()).isEqualTo("pets/test");
        assertThat(test.size()).isEqualTo(2);
        assertThat(test.get(0).image().sample(0, 0, 0)).isEqualTo(20);
        assertThat(Datasets.open(pets, "train").size()).isEqualTo(1);
        assertThatThrownBy(() -> Datasets.open(pets, "val"))
                .isInstanceOf(DatasetException.class)
                .hasMessage("unknown split 'val' for " + pets + "; use one of: train, test");
    }

    @Test
    void aFileIsNotADataset() throws Exception {
        Path file = Files.writeString(tmp.resolve("data.csv"), "x");

        assertThatThrownBy(() -> Datasets.open(file.toString(), null))
                .isInstanceOf(DatasetException.class)
                .hasMessageContaining("is a file");
    }
}

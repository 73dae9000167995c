package org.compresslab.data;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens datasets by name or path, as the CLI and the GUI name them. */
public final class Datasets {

    private static final Logger log = LoggerFactory.getLogger(Datasets.class);

    public static final String FASHION_MNIST = "fashion-mnist";

    /** Fashion-MNIST's class names by label. */
    public static final List<String> FASHION_MNIST_CLASSES = List.of(
            "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** System property naming a folder that holds {@code fashion-mnist/} (and possibly other datasets). */
    public static final String DATASETS_PROPERTY = "compresslab.datasets";

    /** Environment variable naming a CompressLab checkout or install with {@code resources/datasets/}. */
    public static final String HOME_VARIABLE = "COMPRESSLAB_HOME";

    static final Path BUNDLED_FASHION_MNIST = Path.of("resources", "datasets", FASHION_MNIST);
    static final Path SYSTEM_FASHION_MNIST = Path.of("/usr/share/datasets", FASHION_MNIST);

    private static final List<String> FASHION_MNIST_SPLITS = List.of("train", "test");
    private static final List<String> FOLDER_SPLITS = List.of("train", "val", "test");

    private Datasets() {
    }

    /**
     * Opens a dataset.
     *
     * @param spec  {@code fashion-mnist}, or the path of an image folder (one sub-folder per class, or
     *              {@code train}/{@code val}/{@code test} sub-folders that each hold class folders)
     * @param split {@code train} or {@code test} for Fashion-MNIST; for a folder with split sub-folders
     *              the one to use; ignored (may be null) for a plain class folder
     */
    public static ImageDataset open(String spec, String split) {
        if (spec == null || spec.isBlank()) {
            throw new DatasetException("no dataset given; use '" + FASHION_MNIST
                    + "' or the path of an image folder (one sub-folder per class)");
        }
        if (spec.trim().equalsIgnoreCase(FASHION_MNIST)) {
            return fashionMnist(split);
        }
        Path dir;
        try {
            dir = Path.of(spec);
        } catch (InvalidPathException e) {
            throw unknownDataset(spec);
        }
        if (!Files.isDirectory(dir)) {
            throw Files.exists(dir)
                    ? new DatasetException(spec + ": is a file; an image folder dataset is a folder with one"
                            + " sub-folder of images per class")
                    : unknownDataset(spec);
        }
        return openFolder(dir, split);
    }

    /** Fashion-MNIST's {@code train} (60,000 images) or {@code test} (10,000 images) split. */
    public static IdxDataset fashionMnist(String split) {
        String chosen = checkSplit(split, FASHION_MNIST_SPLITS, FASHION_MNIST);
        String prefix = chosen.equals("train") ? "train" : "t10k";
        Path dir = fashionMnistDirectory();
        return IdxDataset.read(idxFile(dir, prefix + "-images-idx3-ubyte"), idxFile(dir, prefix + "-labels-idx1-ubyte"),
                FASHION_MNIST + "/" + chosen, FASHION_MNIST_CLASSES);
    }

    /**
     * The folder with Fashion-MNIST's IDX files, the first that exists of: {@code $compresslab.datasets/fashion-mnist},
     * {@code $COMPRESSLAB_HOME/resources/datasets/fashion-mnist}, {@code resources/datasets/fashion-mnist}
     * in the working directory or any folder above it, {@code /usr/share/datasets/fashion-mnist}
     * (Debian's {@code dataset-fashion-mnist} package).
     *
     * @throws DatasetException naming every place looked at when none exists
     */
    public static Path fashionMnistDirectory() {
        return fashionMnistDirectory(System.getProperty(DATASETS_PROPERTY), System.getenv(HOME_VARIABLE),
                Path.of("").toAbsolutePath(), SYSTEM_FASHION_MNIST);
    }

    static Path fashionMnistDirectory(String datasetsProperty, String home, Path workingDir, Path systemDir) {
        List<Path> candidates = new ArrayList<>();
        if (datasetsProperty != null && !datasetsProperty.isBlank()) {
            candidates.add(Path.of(datasetsProperty).resolve(FASHION_MNIST));
        }
        if (home != null && !home.isBlank()) {
            candidates.add(Path.of(home).resolve(BUNDLED_FASHION_MNIST));
        }
        for (Path dir = workingDir; dir != null; dir = dir.getParent()) {
            candidates.add(dir.resolve(BUNDLED_FASHION_MNIST));
        }
        candidates.add(systemDir);
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate)) {
                log.debug("Fashion-MNIST found in {}", candidate);
                return candidate;
            }
        }
        throw new DatasetException("Fashion-MNIST not found; looked in " + candidates
                + ". Set -D" + DATASETS_PROPERTY + "=<folder holding fashion-mnist/> or " + HOME_VARIABLE
                + "=<CompressLab folder>, or install Debian's dataset-fashion-mnist package");
    }

    private static Path idxFile(Path dir, String baseName) {
        Path gz = dir.resolve(baseName + ".gz");
        if (Files.exists(gz)) {
            return gz;
        }
        Path plain = dir.resolve(baseName);
        if (Files.exists(plain)) {
            return plain;
        }
        throw new DatasetException(dir + ": " + baseName + ".gz is missing; copy the four Fashion-MNIST IDX files"
                + " into this folder");
    }

    private static ImageDataset openFolder(Path dir, String split) {
        Map<String, Path> splits = splitFolders(dir);
        String baseName = String.valueOf(dir.toAbsolutePath().normalize().getFileName());
        if (splits.isEmpty()) {
            if (split != null && !split.isBlank()) {
                log.info("{} has no split sub-folders; split '{}' ignored", dir, split);
            }
            return ImageFolderDataset.open(dir, baseName);
        }
        String chosen = checkSplit(split, List.copyOf(splits.keySet()), dir.toString());
        return ImageFolderDataset.open(splits.get(chosen), baseName + "/" + chosen);
    }

    /** The train/val/test sub-folders that themselves hold (class) folders, in that order. */
    private static Map<String, Path> splitFolders(Path dir) {
        Map<String, Path> splits = new LinkedHashMap<>();
        for (String name : FOLDER_SPLITS) {
            Path sub = dir.resolve(name);
            if (Files.isDirectory(sub) && ImageFolderDataset.list(sub).stream().anyMatch(Files::isDirectory)) {
                splits.put(name, sub);
            }
        }
        return splits;
    }

    private static String checkSplit(String split, List<String> valid, String dataset) {
        String normalized = split == null ? "" : split.trim().toLowerCase(Locale.ROOT);
        if (!valid.contains(normalized)) {
            String what = normalized.isEmpty() ? "no split given" : "unknown split '" + split + "'";
            throw new DatasetException(what + " for " + dataset + "; use one of: " + String.join(", ", valid));
        }
        return normalized;
    }

    private static DatasetException unknownDataset(String spec) {
        return new DatasetException("unknown dataset '" + spec + "': not '" + FASHION_MNIST
                + "' and no such folder; give '" + FASHION_MNIST
                + "' or the path of an image folder (one sub-folder of images per class)");
    }
}

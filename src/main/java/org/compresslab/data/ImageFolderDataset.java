package org.compresslab.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A folder with one sub-folder per class, as torchvision's {@code ImageFolder} expects:
 * class folders sorted by name give the class indices, and the PNG, JPEG and BMP files inside each are
 * sorted by name. Other files and hidden entries are ignored.
 *
 * <p>Only the file list is built when opening; images are decoded by {@link #get(int)}. A class folder
 * without images keeps its class index (so a train and a test folder with the same classes agree on
 * labels) and is logged. Immutable and safe to read from several threads.
 */
public final class ImageFolderDataset implements ImageDataset {

    private static final Logger log = LoggerFactory.getLogger(ImageFolderDataset.class);

    /** File extensions read as images, lower case. */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");

    private final Path root;
    private final String name;
    private final List<String> classNames;
    private final List<Path> files;
    private final int[] labels;

    private ImageFolderDataset(Path root, String name, List<String> classNames, List<Path> files, int[] labels) {
        this.root = root;
        this.name = name;
        this.classNames = classNames;
        this.files = files;
        this.labels = labels;
    }

    public static ImageFolderDataset open(Path root) {
        Path dir = Objects.requireNonNull(root, "root");
        return open(dir, String.valueOf(dir.toAbsolutePath().normalize().getFileName()));
    }

    public static ImageFolderDataset open(Path root, String name) {
        Objects.requireNonNull(root, "root");
        if (!Files.isDirectory(root)) {
            throw new DatasetException(root + ": no such folder; an image folder dataset is a folder with one"
                    + " sub-folder of images per class");
        }
        List<Path> classDirs = list(root).stream().filter(Files::isDirectory).toList();
        if (classDirs.isEmpty()) {
            boolean hasImages = list(root).stream().anyMatch(ImageFolderDataset::isImageFile);
            throw new DatasetException(root + (hasImages
                    ? ": the images must be in one sub-folder per class (e.g. cat/001.png, dog/002.png),"
                            + " not directly in the folder"
                    : ": no class folders found; an image folder dataset needs one sub-folder of images per class"));
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        List<String> emptyClasses = new ArrayList<>();
        for (Path classDir : classDirs) {
            int label = classNames.size();
            classNames.add(classDir.getFileName().toString());
            List<Path> images = list(classDir).stream().filter(ImageFolderDataset::isImageFile).toList();
            if (images.isEmpty()) {
                emptyClasses.add(classDir.getFileName().toString());
            }
            for (Path image : images) {
                files.add(image);
                labels.add(label);
            }
        }
        if (files.isEmpty()) {
            throw new DatasetException(root + ": the class folders " + classNames + " contain no images;"
                    + " put PNG, JPEG or BMP files (." + String.join(", .", sorted(IMAGE_EXTENSIONS)) + ") in them");
        }
        if (!emptyClasses.isEmpty()) {
            log.warn("{}: class folders without images: {}", root, emptyClasses);
        }
        log.debug("{}: {} images in {} classes", root, files.size(), classNames.size());
        return new ImageFolderDataset(root, name, List.copyOf(classNames), List.copyOf(files),
                labels.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return files.size();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    public Path root() {
        return root;
    }

    /** The file behind an item, e.g. to show it in a GUI or an error report. */
    public Path file(int index) {
        return files.get(index);
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, labels.length);
        return labels[index];
    }

    @Override
    public LabeledImage get(int index) {
        Path file = files.get(index);
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(file.toFile());
        } catch (IOException | RuntimeException e) {
            throw new DatasetException(file + ": not a readable image (" + e.getMessage()
                    + "); replace or remove the file", e);
        }
        if (decoded == null) {
            throw new DatasetException(file + ": not a readable image (no PNG, JPEG or BMP decoder accepts it);"
                    + " replace or remove the file");
        }
        return new LabeledImage(RawImage.fromBufferedImage(decoded), labels[index]);
    }

    static boolean isImageFile(Path path) {
        String fileName = path.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        return dot > 0 && !fileName.startsWith(".") && Files.isRegularFile(path)
                && IMAGE_EXTENSIONS.contains(fileName.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Entries sorted by name, hidden ones (dot files such as .DS_Store or .git) left out. */
    static List<Path> list(Path dir) {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new DatasetException(dir + ": cannot list the folder: " + e.getMessage(), e);
        }
    }

    private static List<String> sorted(Set<String> set) {
        return set.stream().sorted().toList();
    }

    @Override
    public String toString() {
        return "ImageFolderDataset[" + name + ", " + files.size() + " images, " + classNames.size() + " classes]";
    }
}

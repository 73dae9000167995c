package org.compresslab.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;

/** Locates the bundled Fashion-MNIST files and writes small IDX and image files for tests. */
final class TestData {

    private TestData() {
    }

    /** resources/datasets/fashion-mnist of this project, found from compresslab.root or the working directory. */
    static Path fashionMnistDirectory() {
        List<Path> starts = new ArrayList<>();
        String root = System.getProperty("compresslab.root");
        if (root != null) {
            starts.add(Path.of(root));
        }
        starts.add(Path.of("").toAbsolutePath());
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("resources/datasets/fashion-mnist");
                if (Files.isRegularFile(candidate.resolve("train-images-idx3-ubyte.gz"))) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("resources/datasets/fashion-mnist not found above " + starts);
    }

    static byte[] idxImages(int count, int rows, int cols, byte[] pixels) {
        ByteBuffer buffer = ByteBuffer.allocate(16 + pixels.length);
        buffer.putInt(IdxDataset.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols).put(pixels);
        return buffer.array();
    }

    static byte[] idxLabels(byte... labels) {
        ByteBuffer buffer = ByteBuffer.allocate(8 + labels.length);
        buffer.putInt(IdxDataset.LABELS_MAGIC).putInt(labels.length).put(labels);
        return buffer.array();
    }

    static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path writeGzip(Path file, byte[] content) {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] gzip(byte[] content) {
        try {
            var bytes = new ByteArrayOutputStream();
            try (OutputStream out = new GZIPOutputStream(bytes)) {
                out.write(content);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gray PNG whose every pixel is {@code value}. */
    static Path grayPng(Path file, int width, int height, int value) {
        byte[] pixels = new byte[width * height];
        Arrays.fill(pixels, (byte) value);
        return png(file, new RawImage(width, height, 1, pixels).toBufferedImage());
    }

    static Path png(Path file, BufferedImage image) {
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer");
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

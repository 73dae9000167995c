package org.compresslab.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An image set in the IDX format of MNIST and Fashion-MNIST: an {@code idx3-ubyte} image file and an
 * {@code idx1-ubyte} label file, each gzipped or plain (detected from the content, not the name).
 *
 * <p>Everything is read into memory when opened (47 MB for Fashion-MNIST's training set), which makes
 * {@link #get(int)} a small array copy. Immutable and safe to read from several threads.
 */
public final class IdxDataset implements ImageDataset {

    private static final Logger log = LoggerFactory.getLogger(IdxDataset.class);

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;
    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;

    private final String name;
    private final List<String> classNames;
    private final int count;
    private final int rows;
    private final int cols;
    private final byte[] pixels;
    private final byte[] labels;

    private IdxDataset(String name, List<String> classNames, int rows, int cols, byte[] pixels, byte[] labels) {
        this.name = name;
        this.classNames = classNames;
        this.count = labels.length;
        this.rows = rows;
        this.cols = cols;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Reads an image file and its label file; class names are the label numbers {@code "0".."N-1"}
     * with N one more than the largest label.
     */
    public static IdxDataset read(Path images, Path labels) {
        return read(images, labels, defaultName(images), null);
    }

    /**
     * Reads an image file and its label file.
     *
     * @param classNames names by label, or {@code null} for {@code "0".."N-1"}; every label must be an
     *                   index into this list
     */
    public static IdxDataset read(Path images, Path labels, String name, List<String> classNames) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        long start = System.nanoTime();
        ImageBlock block = readImages(images);
        byte[] labelBytes = readLabels(labels);
        if (block.count != labelBytes.length) {
            throw new DatasetException("image and label counts differ: " + block.count + " vs " + labelBytes.length
                    + " (" + images.getFileName() + ", " + labels.getFileName()
                    + "); check that both files belong to the same split");
        }
        List<String> names = classNames == null ? numberedClasses(labelBytes) : List.copyOf(classNames);
        checkLabels(labels, labelBytes, names.size());
        log.debug("read {} images of {}x{} from {} in {} ms", block.count, block.rows, block.cols, images,
                (System.nanoTime() - start) / 1_000_000);
        return new IdxDataset(name, names, block.rows, block.cols, block.pixels, labelBytes);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    public int width() {
        return cols;
    }

    public int height() {
        return rows;
    }

    @Override
    public LabeledImage get(int index) {
        Objects.checkIndex(index, count);
        int n = rows * cols;
        byte[] image = Arrays.copyOfRange(pixels, index * n, index * n + n);
        return new LabeledImage(new RawImage(cols, rows, 1, image), labels[index] & 0xFF);
    }

    @Override
    public int label(int index) {
        Objects.checkIndex(index, count);
        return labels[index] & 0xFF;
    }

    private record ImageBlock(int count, int rows, int cols, byte[] pixels) {
    }

    private static ImageBlock readImages(Path file) {
        String fileName = String.valueOf(file.getFileName());
        try (InputStream in = open(file)) {
            byte[] header = readHeader(in, IMAGES_HEADER_BYTES, IMAGES_MAGIC, fileName, "image",
                    "unsigned-byte images of 3 dimensions");
            int count = intAt(header, 4);
            int rows = intAt(header, 8);
            int cols = intAt(header, 12);
            if (count < 0 || rows <= 0 || cols <= 0) {
                throw new DatasetException(fileName + ": the IDX header says " + count + " images of "
                        + rows + "x" + cols + "; the file is corrupt");
            }
            long total = (long) count * rows * cols;
            if (total > Integer.MAX_VALUE - 8) {
                throw new DatasetException(fileName + ": " + count + " images of " + rows + "x" + cols
                        + " do not fit in memory in one piece; split the file");
            }
            byte[] pixels = new byte[(int) total];
            int got = in.readNBytes(pixels, 0, pixels.length);
            if (got < pixels.length) {
                throw new DatasetException(fileName + ": the file is truncated: the header announces " + count
                        + " images of " + rows + "x" + cols + " (" + total + " bytes of pixels) but only " + got
                        + " bytes follow; copy or download the file again");
            }
            checkNothingAfter(in, fileName);
            return new ImageBlock(count, rows, cols, pixels);
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    private static byte[] readLabels(Path file) {
        String fileName = String.valueOf(file.getFileName());
        try (InputStream in = open(file)) {
            byte[] header = readHeader(in, LABELS_HEADER_BYTES, LABELS_MAGIC, fileName, "label",
                    "unsigned-byte labels of 1 dimension");
            int count = intAt(header, 4);
            if (count < 0) {
                throw new DatasetException(fileName + ": the IDX header says " + count + " labels; the file is corrupt");
            }
            byte[] labels = new byte[count];
            int got = in.readNBytes(labels, 0, count);
            if (got < count) {
                throw new DatasetException(fileName + ": the file is truncated: the header announces " + count
                        + " labels but only " + got + " follow; copy or download the file again");
            }
            checkNothingAfter(in, fileName);
            return labels;
        } catch (IOException e) {
            throw readFailure(file, e);
        }
    }

    /** Opens the file, unzipping when it starts with the gzip signature whatever its name. */
    private static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        raw.mark(2);
        int b0 = raw.read();
        int b1 = raw.read();
        raw.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            return new GZIPInputStream(raw, 1 << 16);
        }
        return raw;
    }

    /** Reads the header, checking the magic number first: a wrong file is a clearer error than a short one. */
    private static byte[] readHeader(InputStream in, int length, int expectedMagic, String fileName, String kind,
            String content) throws IOException {
        byte[] header = in.readNBytes(length);
        if (header.length >= 4) {
            int magic = intAt(header, 0);
            if (magic != expectedMagic) {
                throw new DatasetException(fileName + ": not an IDX " + kind + " file (magic 0x" + hex(magic)
                        + ", expected 0x" + hex(expectedMagic) + " for " + content + ")" + wrongFileHint(magic));
            }
        }
        if (header.length < length) {
            throw new DatasetException(fileName + ": not an IDX " + kind + " file: it is only " + header.length
                    + " bytes long, shorter than the " + length + "-byte header");
        }
        return header;
    }

    private static void checkNothingAfter(InputStream in, String fileName) throws IOException {
        if (in.read() != -1) {
            throw new DatasetException(fileName + ": the file is longer than its IDX header announces;"
                    + " it is corrupt or was concatenated with something else");
        }
    }

    private static DatasetException readFailure(Path file, IOException e) {
        String fileName = String.valueOf(file.getFileName());
        if (e instanceof NoSuchFileException) {
            return new DatasetException(file + ": file not found", e);
        }
        if (e instanceof EOFException || e instanceof ZipException) {
            return new DatasetException(fileName + ": the gzip data is truncated or corrupt (" + e.getMessage()
                    + "); copy or download the file again", e);
        }
        return new DatasetException(file + ": cannot be read: " + e.getMessage(), e);
    }

    private static String wrongFileHint(int magic) {
        if (magic == IMAGES_MAGIC) {
            return "; this is an image file, was it passed as the labels?";
        }
        if (magic == LABELS_MAGIC) {
            return "; this is a label file, was it passed as the images?";
        }
        return "";
    }

    private static void checkLabels(Path file, byte[] labels, int classCount) {
        for (int i = 0; i < labels.length; i++) {
            int label = labels[i] & 0xFF;
            if (label >= classCount) {
                throw new DatasetException(file.getFileName() + ": label " + label + " of item " + i
                        + " is outside the " + classCount + " classes 0.." + (classCount - 1));
            }
        }
    }

    private static List<String> numberedClasses(byte[] labels) {
        int max = -1;
        for (byte b : labels) {
            max = Math.max(max, b & 0xFF);
        }
        List<String> names = new ArrayList<>(max + 1);
        for (int i = 0; i <= max; i++) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }

    private static String defaultName(Path images) {
        String fileName = String.valueOf(images.getFileName());
        int cut = fileName.indexOf("-images");
        return cut > 0 ? fileName.substring(0, cut) : fileName;
    }

    private static int intAt(byte[] b, int offset) {
        return (b[offset] & 0xFF) << 24 | (b[offset + 1] & 0xFF) << 16 | (b[offset + 2] & 0xFF) << 8 | (b[offset + 3] & 0xFF);
    }

    private static String hex(int value) {
        return String.format("%08X", value);
    }

    @Override
    public String toString() {
        return "IdxDataset[" + name + ", " + count + " images of " + cols + "x" + rows + "]";
    }
}

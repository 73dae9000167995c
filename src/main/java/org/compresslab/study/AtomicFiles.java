package org.compresslab.study;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces files so that a crash or a full disk at any moment leaves either the old file or the new
 * one, never a mixture: the bytes go to a temporary sibling, are forced to the device, and only then
 * is the temporary renamed over the target (an atomic rename on the same file system).
 */
final class AtomicFiles {
    private static final Logger log = LoggerFactory.getLogger(AtomicFiles.class);

    /** What a temporary sibling's name ends with; a leftover one from a crash is ignored and overwritten. */
    static final String TEMP_SUFFIX = ".tmp";

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final FileSink sink;

    AtomicFiles(FileSink sink) {
        this.sink = sink;
    }

    static Path tempFor(Path target) {
        return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    }

    /** Writes {@code target} atomically (temporary, force, rename); the temporary is removed if anything fails. */
    void write(Path target, Content content) throws IOException {
        Path temp = tempFor(target);
        writeTemp(temp, content);
        try {
            moveOver(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Writes and forces {@code temp}; removes it if anything fails. */
    void writeTemp(Path temp, Content content) throws IOException {
        try (OutputStream out = sink.open(temp)) {
            content.writeTo(out);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(temp);
            throw e;
        }
    }

    /** Renames {@code temp} over {@code target}, atomically where the file system can. */
    static void moveOver(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Forces a folder's entries (the renames just made) to the device. Some platforms (Windows) cannot
     * open a folder for this; there the rename is as durable as the file system makes it.
     */
    static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            log.debug("cannot force the folder {} to disk ({}); relying on the file system", dir, e.toString());
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("cannot delete {} after a failed save: {}", file, e.toString());
        }
    }
}

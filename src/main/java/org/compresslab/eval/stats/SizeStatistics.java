package org.compresslab.eval.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Compressed size of model files, a proxy for download size and for how much redundancy
 * (e.g. pruned zeros, clustered weights) a compression technique left behind.
 *
 * <p>Sizes are those of a complete gzip file (10-byte header, DEFLATE data, 8-byte trailer, no
 * file name) at level 9, {@link Deflater#BEST_COMPRESSION}: the maximum level is used so the
 * figure reflects the model's redundancy rather than a speed trade-off. Deflate output is
 * deterministic for a given level and zlib implementation, so equal inputs give equal sizes.
 */
public final class SizeStatistics {

    /** The deflate level used for all sizes. */
    public static final int GZIP_LEVEL = Deflater.BEST_COMPRESSION;

    private static final int BUFFER_BYTES = 1 << 16;

    private SizeStatistics() {
    }

    /** Size in bytes of {@code data} gzipped at level 9. */
    public static long gzipSize(byte[] data) {
        if (data == null) {
            throw new IllegalArgumentException("data must not be null");
        }
        CountingSink sink = new CountingSink();
        try (GZIPOutputStream gzip = new BestGzipOutputStream(sink)) {
            gzip.write(data);
        } catch (IOException e) {
            // The sink never throws, so this cannot happen; keep the cause if it ever does.
            throw new UncheckedIOException(e);
        }
        return sink.count;
    }

    /**
     * Size in bytes of the file gzipped at level 9, streamed so large models need no heap copy.
     *
     * @throws IOException if the file cannot be read
     */
    public static long gzipSize(Path file) throws IOException {
        CountingSink sink = new CountingSink();
        try (InputStream in = Files.newInputStream(file);
                GZIPOutputStream gzip = new BestGzipOutputStream(sink)) {
            in.transferTo(gzip);
        }
        return sink.count;
    }

    /** GZIPOutputStream exposes its Deflater only to subclasses; this one sets level 9. */
    private static final class BestGzipOutputStream extends GZIPOutputStream {
        BestGzipOutputStream(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES);
            def.setLevel(GZIP_LEVEL);
        }
    }

    /** Discards bytes, counting them. */
    private static final class CountingSink extends OutputStream {
        private long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}

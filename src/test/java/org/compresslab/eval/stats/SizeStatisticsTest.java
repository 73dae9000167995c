package org.compresslab.eval.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SizeStatisticsTest {

    /** gzip header (10 bytes) + empty final deflate block (2 bytes) + CRC32 and length (8 bytes). */
    private static final int EMPTY_GZIP_BYTES = 20;

    @Test
    void emptyInputCostsOnlyTheGzipFraming() {
        assertThat(SizeStatistics.gzipSize(new byte[0])).isEqualTo(EMPTY_GZIP_BYTES);
    }

    @Test
    void redundantDataShrinksAndRandomDataDoesNot() {
        byte[] zeros = new byte[1 << 20];
        byte[] random = new byte[1 << 16];
        new SplittableRandom(5).nextBytes(random);

        assertThat(SizeStatistics.gzipSize(zeros)).isLessThan(zeros.length / 100);
        // Incompressible data grows by the framing plus a few bytes per stored block.
        assertThat(SizeStatistics.gzipSize(random)).isBetween((long) random.length, random.length + 200L);
    }

    @Test
    void sizeIsExactlyTheLengthOfALevelNineGzipStream() throws IOException {
        byte[] data = sampleData();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes) {
            {
                def.setLevel(9);
            }
        }) {
            gzip.write(data);
        }

        assertThat(SizeStatistics.gzipSize(data)).isEqualTo(bytes.size());
        // And that stream really is valid gzip of the data.
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void levelNineIsNoLargerThanTheDefaultLevel() throws IOException {
        byte[] data = sampleData();
        ByteArrayOutputStream defaultLevel = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(defaultLevel)) {
            gzip.write(data);
        }

        assertThat(SizeStatistics.GZIP_LEVEL).isEqualTo(9);
        assertThat(SizeStatistics.gzipSize(data)).isLessThanOrEqualTo(defaultLevel.size());
    }

    @Test
    void fileSizeEqualsInMemorySizeOfTheSameBytes(@TempDir Path dir) throws IOException {
        byte[] data = sampleData();
        Path file = dir.resolve("model.onnx");
        Files.write(file, data);

        assertThat(SizeStatistics.gzipSize(file)).isEqualTo(SizeStatistics.gzipSize(data));
    }

    @Test
    void missingFileIsReportedAsIoError(@TempDir Path dir) {
        assertThatThrownBy(() -> SizeStatistics.gzipSize(dir.resolve("absent.onnx")))
                .isInstanceOf(NoSuchFileException.class);
    }

    /** Half-redundant bytes, like quantised weights: a realistic mix for the compressor. */
    private static byte[] sampleData() {
        byte[] data = new byte[300_000];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (random.nextInt(16) + (i % 7 == 0 ? 100 : 0));
        }
        return data;
    }
}

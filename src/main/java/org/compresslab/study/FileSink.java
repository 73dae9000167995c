package org.compresslab.study;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Where the store's bytes go: opens a file for writing, and closing the stream must have forced its
 * bytes to the storage device. The seam through which tests make a save fail half-way (a full disk,
 * a pulled USB stick) without needing one.
 */
@FunctionalInterface
interface FileSink {

    /** Creates or truncates {@code file}. */
    OutputStream open(Path file) throws IOException;

    /** Writes through a {@link FileChannel} and forces it on close (fsync), so a rename after it is durable. */
    FileSink DURABLE = ForcedChannelOutput::new;

    final class ForcedChannelOutput extends OutputStream {
        private final FileChannel channel;

        ForcedChannelOutput(Path file) throws IOException {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        }

        @Override
        public void close() throws IOException {
            if (!channel.isOpen()) {
                return;
            }
            try {
                channel.force(true);
            } finally {
                channel.close();
            }
        }
    }
}

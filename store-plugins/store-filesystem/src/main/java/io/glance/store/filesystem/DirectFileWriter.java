package io.glance.store.filesystem;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static java.util.Objects.requireNonNull;

/**
 * Writes a new image file past the page cache ({@code O_DIRECT}), from the start, in the order the bytes arrive.
 * <p>
 * Why: a buffered write copies every byte into newly allocated page-cache pages, which on this project's virtual
 * machines (the guest reports free pages to the host, so a new page is a fault in the host) cost 0.75-2.2 s of system
 * time per GiB, the largest cost of an upload after the two digests; {@code dd oflag=direct conv=fsync} writes the
 * same GiB for 0.27-0.31 s, and in less wall time, since the store's fsync before answering then has nothing left to
 * write back. The price: the image is not in the page cache after its upload, so its first download reads the disk.
 * <p>
 * {@code O_DIRECT} needs the buffer's address, the file position and the length to be multiples of the file system's
 * block size: bytes are gathered in an aligned direct buffer and written in whole buffers; the last, partial block is
 * written padded and the file is then cut to its real length.
 */
final class DirectFileWriter implements Closeable {
    private final FileChannel direct;
    private final FileChannel plain;
    private final int alignment;
    private final ByteBuffer block;
    private long position;
    private long size;

    private DirectFileWriter(FileChannel direct, FileChannel plain, int alignment, int blockSize) {
        this.direct = direct;
        this.plain = plain;
        this.alignment = alignment;
        int aligned = Math.max(alignment, blockSize / alignment * alignment);
        this.block = ByteBuffer.allocateDirect(aligned + alignment - 1).alignedSlice(alignment);
    }

    /**
     * A writer of {@code file} (just created, empty) with {@code O_DIRECT}, or {@code null} when its file system or
     * the platform does not offer it; then the caller writes through {@code plain} as before.
     *
     * @param plain     the file's ordinary channel, which stays the caller's: it cuts the file to its length and is
     *                  the one to fsync
     * @param blockSize bytes per write, rounded down to the file system's block size
     */
    static DirectFileWriter open(Path file, FileChannel plain, int blockSize) {
        requireNonNull(plain, "plain is null");
        int alignment;
        FileChannel direct;
        try {
            alignment = Math.toIntExact(Files.getFileStore(file).getBlockSize());
            direct = FileChannel.open(file, StandardOpenOption.WRITE, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException | ArithmeticException e) {
            // EINVAL from a file system without O_DIRECT, a platform without the option or a block size: buffered.
            return null;
        }
        if (alignment <= 0 || Integer.bitCount(alignment) != 1) {
            closeQuietly(direct);
            return null;
        }
        return new DirectFileWriter(direct, plain, alignment, blockSize);
    }

    /** Appends bytes; they reach the disk when the block is full, or at {@link #finish()}. */
    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int count = Math.min(length, block.remaining());
            block.put(bytes, offset, count);
            offset += count;
            length -= count;
            size += count;
            if (!block.hasRemaining()) {
                writeBlock();
            }
        }
    }

    /** Bytes given to {@link #write} so far. */
    long size() {
        return size;
    }

    /** Writes what is left (padded to the alignment) and cuts the file to the bytes written; returns their number. */
    long finish() throws IOException {
        int filled = block.position();
        if (filled > 0) {
            int padded = (filled + alignment - 1) / alignment * alignment;
            block.limit(padded);
            block.position(padded);
            writeBlock();
            if (padded != filled) {
                plain.truncate(size);
            }
        }
        return size;
    }

    private void writeBlock() throws IOException {
        block.flip();
        while (block.hasRemaining()) {
            position += direct.write(block, position);
        }
        block.clear();
    }

    @Override
    public void close() throws IOException {
        direct.close();
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through it.
        }
    }
}

package io.glance.store.filesystem;

import com.sun.nio.file.ExtendedOpenOption;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

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
 * An {@code O_DIRECT} write returns only once the disk has the block (here 1.7-2.8 s per GiB, i.e. 370-600 MiB/s):
 * written on the upload's own thread, the socket was not read meanwhile, so the disk's time and the receive's
 * added up instead of overlapping. The blocks are therefore written by a thread of their own
 * ({@value #WRITER_NAME}), {@value #BLOCKS} blocks in flight: the caller fills one while the others wait for or are in
 * the disk write, and waits only when all are taken.
 * <p>
 * {@code O_DIRECT} needs the buffer's address, the file position and the length to be multiples of the file system's
 * block size: bytes are gathered in aligned direct buffers and written in whole buffers; the last, partial block is
 * written padded and the file is then cut to its real length.
 * <p>
 * Not thread-safe: one thread calls {@link #write}, then {@link #finish()}, and always {@link #close()}, after which
 * the writer thread has ended.
 */
final class DirectFileWriter implements Closeable {
    /** Blocks per upload: 4 MiB of direct memory at 1 MiB blocks, enough to ride out a slow disk write or two. */
    static final int BLOCKS = 4;
    static final String WRITER_NAME = "glance-store-writer";
    /** Tells the writer thread that no more blocks come. */
    private static final ByteBuffer END = ByteBuffer.allocate(0);

    private final FileChannel direct;
    private final FileChannel plain;
    private final int alignment;
    private final BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BLOCKS);
    /** Filled blocks in file order, then {@link #END}. */
    private final BlockingQueue<ByteBuffer> filled = new ArrayBlockingQueue<>(BLOCKS + 1);
    private final Thread writer;
    /** The writer's failure; from then on it returns blocks unwritten, so the caller never waits for ever. */
    private volatile IOException failure;
    private ByteBuffer block;
    private long size;
    private boolean ended;

    private DirectFileWriter(FileChannel direct, FileChannel plain, int alignment, int blockSize) {
        this.direct = direct;
        this.plain = plain;
        this.alignment = alignment;
        int aligned = Math.max(alignment, blockSize / alignment * alignment);
        for (int i = 0; i < BLOCKS; i++) {
            free.add(ByteBuffer.allocateDirect(aligned + alignment - 1).alignedSlice(alignment));
        }
        this.block = free.remove();
        this.writer = Thread.ofPlatform().name(WRITER_NAME).daemon(true).start(this::writeBlocks);
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
        try {
            return new DirectFileWriter(direct, plain, alignment, blockSize);
        } catch (RuntimeException | Error e) {
            // No direct memory left, say, or no thread to be had: nothing was written yet.
            closeQuietly(direct);
            throw e;
        }
    }

    /**
     * Appends bytes; they reach the disk when their block is full, or at {@link #finish()}.
     *
     * @throws IOException a failed write of an earlier block, or an interrupt while waiting for a free block
     */
    void write(byte[] bytes, int offset, int length) throws IOException {
        while (length > 0) {
            int count = Math.min(length, block.remaining());
            block.put(bytes, offset, count);
            offset += count;
            length -= count;
            size += count;
            if (!block.hasRemaining()) {
                handOver(block);
                block = takeFree();
            }
        }
    }

    /**
     * Writes what is left (padded to the alignment), waits until every block is on disk and cuts the file to the
     * bytes written; returns their number.
     */
    long finish() throws IOException {
        int rest = block.position();
        int padded = (rest + alignment - 1) / alignment * alignment;
        if (rest > 0) {
            block.position(padded);
            handOver(block);
            block = null;
        }
        endWriter();
        throwIfFailed();
        if (padded != rest) {
            plain.truncate(size);
        }
        return size;
    }

    /** Ends the writer thread (what is queued is still written) and closes the O_DIRECT channel. */
    @Override
    public void close() throws IOException {
        try {
            endWriter();
        } finally {
            direct.close();
        }
    }

    private void handOver(ByteBuffer full) throws IOException {
        throwIfFailed();
        full.flip();
        try {
            // Never waits: there are only BLOCKS buffers, and room for all of them and END.
            filled.put(full);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the image file");
        }
    }

    private ByteBuffer takeFree() throws IOException {
        try {
            return free.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the disk");
        }
    }

    /** The writer's own exception, unchanged: its type and text tell a full disk from a denied write (IoFailures). */
    private void throwIfFailed() throws IOException {
        IOException failed = failure;
        if (failed != null) {
            throw failed;
        }
    }

    /** Queues {@link #END} once and waits for the writer, also when this thread is interrupted. */
    private void endWriter() {
        if (ended) {
            return;
        }
        ended = true;
        filled.add(END);
        boolean interrupted = false;
        while (true) {
            try {
                writer.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** The writer thread: the blocks in the order they were filled, each at the position that follows the last. */
    private void writeBlocks() {
        long position = 0;
        while (true) {
            ByteBuffer next = filled.poll();
            if (next == null) {
                next = takeUninterruptibly();
            }
            if (next == END) {
                return;
            }
            if (failure == null) {
                try {
                    while (next.hasRemaining()) {
                        position += direct.write(next, position);
                    }
                } catch (IOException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    failure = new IOException("writing the image file failed: " + e, e);
                }
            }
            next.clear();
            free.add(next);
        }
    }

    private ByteBuffer takeUninterruptibly() {
        while (true) {
            try {
                return filled.take();
            } catch (InterruptedException e) {
                // Only this class ends the thread (END); an interrupt would otherwise lose the blocks queued.
            }
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was written through it.
        }
    }
}

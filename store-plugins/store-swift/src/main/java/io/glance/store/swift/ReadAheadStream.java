package io.glance.store.swift;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * A download body read ahead of its consumer by a platform thread, in full blocks of {@link #BLOCK} bytes.
 *
 * <p>Why: the host reads a download on a virtual thread. Swift's proxy sends its body in 64 KiB writes, slower than
 * we can take them, so nearly every socket read on that thread found nothing and parked the virtual thread: a poller
 * registration, an epoll wake-up, an unpark through the carrier pool and a timer for the read timeout, each time.
 * async-profiler put 46 % of glance-api's CPU during a 1 GiB Swift download there (bench/README.md). A platform thread
 * blocked in a socket read just sleeps in the kernel; the consumer is woken once per full block.
 *
 * <p>At most {@link #BLOCKS} blocks exist per stream, allocated once and reused (1 MiB per download; 256 KiB stays
 * under half of G1's smallest region, so no block is a humongous object). Bytes read before a failure are delivered
 * before it, and the failure is the source's own exception. Closing stops the reader at its next block, which closes
 * the source (the reader owns it from the start: nobody else touches it while a read may be under way).
 */
final class ReadAheadStream extends InputStream {
    static final int BLOCK = 256 * 1024;
    static final int BLOCKS = 4;

    /** A block handed over: {@code length} bytes of data, then the end ({@code last}) or the source's failure. */
    private record Block(byte[] bytes, int length, boolean last, Throwable failure) {
    }

    private final InputStream source;
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Future<?> reader;
    /** Set by whichever comes first, the reader starting or a close before it started; that one closes the source. */
    private final AtomicBoolean claimed = new AtomicBoolean();
    private Block current;
    private int position;
    private boolean closed;

    /** Starts reading {@code source} on a thread of {@code readers} (platform threads). */
    ReadAheadStream(InputStream source, ExecutorService readers) {
        this.source = requireNonNull(source, "source is null");
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new byte[BLOCK]);
        }
        try {
            this.reader = readers.submit(this::readAll);
        } catch (RuntimeException e) {
            closeQuietly(source);
            throw e;
        }
    }

    private void readAll() {
        if (!claimed.compareAndSet(false, true)) {
            return;
        }
        try {
            while (true) {
                byte[] bytes = free.take();
                int length = 0;
                boolean last = false;
                Throwable failure = null;
                try {
                    while (length < bytes.length) {
                        int n = source.read(bytes, length, bytes.length - length);
                        if (n < 0) {
                            last = true;
                            break;
                        }
                        length += n;
                    }
                } catch (IOException | RuntimeException e) {
                    failure = e;
                }
                filled.put(new Block(bytes, length, last || failure != null, failure));
                if (last || failure != null) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the consumer: nobody waits for more
        } finally {
            closeQuietly(source);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    /** Copies from the blocks at hand: waits only when none is, so one call may span several ready blocks. */
    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, buffer.length);
        if (closed) {
            throw new IOException("the download stream is closed");
        }
        if (length == 0) {
            return 0;
        }
        int copied = 0;
        while (copied < length) {
            if (!haveBytes(copied == 0)) {
                break;
            }
            int n = Math.min(length - copied, current.length() - position);
            System.arraycopy(current.bytes(), position, buffer, offset + copied, n);
            position += n;
            copied += n;
        }
        if (copied > 0) {
            return copied;
        }
        if (current.failure() != null) {
            throw rethrowable(current.failure());
        }
        return -1;
    }

    /**
     * Makes {@link #current} a block with unread bytes, waiting for one if {@code wait}; {@code false} when there is
     * none now (not waiting) or no more at all (the last block is read; {@link #read} then throws its failure, if any).
     */
    private boolean haveBytes(boolean wait) throws IOException {
        while (current == null || position == current.length()) {
            if (current != null) {
                if (current.last()) {
                    return false;
                }
                free.add(current.bytes());
                current = null;
            }
            Block next;
            try {
                next = wait ? filled.take() : filled.poll();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for Swift's data");
            }
            if (next == null) {
                return false;
            }
            current = next;
            position = 0;
        }
        return true;
    }

    private static IOException rethrowable(Throwable failure) {
        if (failure instanceof IOException io) {
            return io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        return new IOException(failure);
    }

    @Override
    public int available() {
        return current == null ? 0 : current.length() - position;
    }

    /** Stops the reader (it closes the source after the read under way, if any, returns). */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (claimed.compareAndSet(false, true)) {
                reader.cancel(false);
                closeQuietly(source);
            } else {
                reader.cancel(true);
            }
        }
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException | RuntimeException ignored) {
            // the body is abandoned either way; the connection is not reused after a failed close
        }
    }
}

package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a download's body on a second thread, 1 MiB at a time, a few blocks ahead of the caller, so that receiving
 * the bytes and hashing them (sha512 costs as much CPU as the transfer itself) run side by side on two cores, as
 * {@code curl | sha512sum} does. {@link #BLOCKS} blocks go round between the two threads, no more. Closing it stops
 * the reader.
 */
final class ReadAhead extends InputStream {
    static final int BLOCK = 1024 * 1024;
    static final int BLOCKS = 4;
    private static final Block END = new Block(new byte[0], -1, null);

    /** A filled block: {@code length} bytes of {@code data}; or the source's failure; or (length -1) the end. */
    record Block(byte[] data, int length, IOException failure) {
    }

    private final InputStream source;
    private final BlockingQueue<Block> filled = new ArrayBlockingQueue<>(BLOCKS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BLOCKS);
    private final Thread reader;
    private Block current;
    private int position;
    private volatile boolean closed;

    ReadAhead(InputStream source) {
        this.source = source;
        for (int i = 0; i < BLOCKS; i++) {
            free.add(new byte[BLOCK]);
        }
        reader = Thread.ofPlatform().name("glance-client-read-ahead").daemon().start(this::readAll);
    }

    private void readAll() {
        try {
            while (!closed) {
                byte[] block = free.take();
                int length = 0;
                IOException failure = null;
                try {
                    while (length < block.length) {
                        int n = source.read(block, length, block.length - length);
                        if (n < 0) {
                            break;
                        }
                        length += n;
                    }
                } catch (IOException e) {
                    failure = e;
                }
                if (length > 0) {
                    filled.put(new Block(block, length, null));
                }
                if (failure != null) {
                    filled.put(new Block(null, -1, failure));
                    return;
                }
                if (length < block.length) {
                    filled.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            // closed by the caller
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (current == null || position == current.length()) {
            if (current != null && current.data() != null && current != END) {
                free.offer(current.data());
            }
            current = take();
            position = 0;
        }
        if (current.failure() != null) {
            throw current.failure();
        }
        if (current == END) {
            return -1;
        }
        int n = Math.min(length, current.length() - position);
        System.arraycopy(current.data(), position, buffer, offset, n);
        position += n;
        return n;
    }

    /**
     * The next block as the reader filled it, lent to the caller until its next call (then the array goes back to the
     * reader): no copy, unlike {@link #read(byte[], int, int)}, which is not to be mixed with it on one stream.
     * Null at the end; the source's failure is thrown after the blocks before it.
     */
    Block nextBlock() throws IOException {
        if (current != null && current.data() != null && current != END && current.failure() == null) {
            free.offer(current.data());
        }
        current = take();
        position = Math.max(current.length(), 0);
        if (current.failure() != null) {
            throw current.failure();
        }
        return current == END ? null : current;
    }

    private Block take() throws IOException {
        if (current == END) {
            return END;
        }
        if (current != null && current.failure() != null) {
            return current;
        }
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the download");
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        reader.interrupt();
        source.close();
    }
}

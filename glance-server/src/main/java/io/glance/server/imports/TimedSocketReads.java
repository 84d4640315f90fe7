package io.glance.server.imports;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * A connected socket's reads, each waiting at most the read timeout for data: the socket is non-blocking and waits in
 * a selector of its own (a SocketChannel's blocking reads take no timeout). Reads go straight into the caller's buffer,
 * a direct one included. Closing closes the selector and the socket.
 */
final class TimedSocketReads implements ReadableByteChannel {
    private final SocketChannel socket;
    private final Selector selector;
    private final long timeoutMillis;

    /** Makes {@code socket} non-blocking; on failure the caller still owns the socket (and closes it). */
    TimedSocketReads(SocketChannel socket, long timeoutMillis) throws IOException {
        socket.configureBlocking(false);
        Selector opened = Selector.open();
        try {
            socket.register(opened, SelectionKey.OP_READ);
        } catch (IOException | RuntimeException e) {
            opened.close();
            throw e;
        }
        this.socket = socket;
        this.selector = opened;
        this.timeoutMillis = timeoutMillis;
    }

    /** A read that waits at most the read timeout for data; -1 at the end. */
    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!selector.isOpen()) {
            throw new ClosedChannelException();
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (true) {
            int read = socket.read(dst);
            if (read != 0 || !dst.hasRemaining()) {
                return read;
            }
            long wait = (deadline - System.nanoTime()) / 1_000_000;
            if (wait <= 0) {
                throw new SocketTimeoutException("No data from the server for " + timeoutMillis + " ms");
            }
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedIOException("Interrupted while waiting for the server's data");
            }
            // Cleared first: a key still in the selected set would not be counted again, and the wait would end at once.
            selector.selectedKeys().clear();
            selector.select(wait);
        }
    }

    @Override
    public boolean isOpen() {
        return selector.isOpen();
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            socket.close();
        }
    }
}

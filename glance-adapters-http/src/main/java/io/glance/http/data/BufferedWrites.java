package io.glance.http.data;

import io.glance.http.connections.ClientChannel;
import io.glance.store.spi.BufferReadable;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The rest of a body read from a file into one direct buffer and written from it to the client's socket, a buffer at
 * a time: as nginx with {@code sendfile off; output_buffers 2 1m}, which on loopback outran sendfile by 1.3-2x
 * (bench/README, download-ab.sh). What the buffer holds between calls is written first, so the sending may move to
 * another thread between two calls.
 */
final class BufferedWrites {
    private final BufferReadable source;
    private final ByteBuffer buffer;
    private final ClientChannel client;

    /** @param buffer a direct buffer this object uses alone until the body is sent */
    BufferedWrites(BufferReadable source, ByteBuffer buffer, ClientChannel client) {
        this.source = source;
        this.buffer = buffer.limit(0);
        this.client = client;
    }

    /**
     * Sends from {@code sent} to {@code length}; with {@code untilFull} only until a write finds the socket's send
     * buffer full (the write takes less than offered), so that the caller can hand the waiting to a platform thread.
     *
     * @return how far the body has been sent: {@code length}, or less when {@code untilFull} stopped it
     */
    long sendFrom(long sent, long length, boolean untilFull) throws IOException {
        SocketChannel socket = client.channel();
        while (sent < length) {
            if (!buffer.hasRemaining()) {
                fill(sent, length);
            }
            int offered = buffer.remaining();
            // A blocking write: on a platform thread it waits in poll(2) while the send buffer is full; on a virtual
            // thread it returns what a non-full send buffer took, and parks only when it took nothing.
            int written = socket.write(buffer);
            sent += written;
            client.sentDirectly(written);
            if (untilFull && written < offered) {
                return sent;
            }
        }
        return sent;
    }

    /** Reads the next bytes of the body, up to the buffer's capacity, from {@code sent}. */
    private void fill(long sent, long length) throws IOException {
        buffer.clear().limit((int) Math.min(buffer.capacity(), length - sent));
        while (buffer.hasRemaining()) {
            if (source.read(buffer) < 0) {
                throw new EOFException("the data ended after " + (sent + buffer.position()) + " of " + length
                        + " bytes");
            }
        }
        buffer.flip();
    }
}

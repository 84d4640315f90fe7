package io.glance.http.data;

import io.glance.http.connections.ClientChannel;
import io.glance.store.spi.ChannelTransferable;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Sends a response body of a known length from a store stream that can transfer itself to a socket
 * ({@link ChannelTransferable}: a file, sent with sendfile), bypassing Helidon's output path, which copies every
 * byte twice on its way to the socket (bench/compare.sh measures the difference). Helidon still writes the status
 * line, the headers and the first bytes, so its framing and bookkeeping stay its own; the rest goes to the
 * connection's socket, exactly as many bytes as the Content-Length says, before Helidon's stream is closed.
 */
final class ZeroCopyBody {
    /** Sent through Helidon: its output buffer's size, so the write goes out at once with the headers. */
    static final int HEAD_BYTES = 64 * 1024;
    /** Written (blocking) whenever the socket's send buffer is full: waits for room without spinning. */
    private static final int WAIT_SLICE_BYTES = 16 * 1024;

    private ZeroCopyBody() {
    }

    /**
     * @param length the Content-Length already set, which {@code in} delivers exactly
     * @return {@code false}, having written nothing, when the body cannot go this way (an encoder such as gzip
     *         wraps Helidon's stream); the caller then copies {@code in} to {@code out}
     */
    static boolean send(ServerResponse res, OutputStream out, InputStream in, ChannelTransferable transferable,
                        ClientChannel client, long length) throws IOException {
        if (length <= HEAD_BYTES || res.headers().contains(HeaderNames.CONTENT_ENCODING)) {
            return false;
        }
        byte[] head = in.readNBytes(HEAD_BYTES);
        if (head.length < HEAD_BYTES) {
            throw new EOFException("the data ended after " + head.length + " of " + length + " bytes");
        }
        out.write(head);
        out.flush();
        SocketChannel socket = client.channel();
        long sent = head.length;
        ByteBuffer slice = null;
        while (sent < length) {
            long count = transferable.transferTo(socket);
            if (count < 0) {
                throw new EOFException("the data ended after " + sent + " of " + length + " bytes");
            }
            if (count == 0) {
                // The send buffer is full (the socket is non-blocking under a virtual thread): a blocking write of
                // the next few bytes parks until the client has taken some.
                slice = slice == null ? ByteBuffer.allocate(WAIT_SLICE_BYTES) : slice.clear();
                int read = in.read(slice.array(), 0, (int) Math.min(WAIT_SLICE_BYTES, length - sent));
                if (read < 0) {
                    throw new EOFException("the data ended after " + sent + " of " + length + " bytes");
                }
                slice.limit(read);
                while (slice.hasRemaining()) {
                    socket.write(slice);
                }
                count = read;
            }
            sent += count;
            client.sentDirectly(count);
        }
        return true;
    }
}

package io.glance.http.connections;

import io.helidon.webserver.http.ServerRequest;

import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The socket of the connection a plaintext request came in on, as the connection guard admitted it. A handler may
 * write a response body to it directly (zero-copy file downloads) once Helidon has sent the status line and headers,
 * and only as many bytes as the Content-Length it declared; it adds them with {@link #sentDirectly(long)} so that the
 * access log and /metrics count the whole answer. The request's context carries it from the guard's filter.
 */
public final class ClientChannel {
    private final SocketChannel channel;
    private final SendBuffers sendBuffers;
    private final LongAdder sentDirectly = new LongAdder();

    ClientChannel(SocketChannel channel, SendBuffers sendBuffers) {
        this.channel = channel;
        this.sendBuffers = sendBuffers;
    }

    /** The request's channel, for a plaintext request on a guarded listener; empty over TLS or without a guard. */
    public static Optional<ClientChannel> of(ServerRequest req) {
        if (req.isSecure()) {
            return Optional.empty();
        }
        return req.context().get(ClientChannel.class).filter(client -> client.channel.isBlocking());
    }

    /** Bytes of the answer to {@code req} written to its socket past Helidon (0 when none). */
    public static long sentDirectly(ServerRequest req) {
        return req.context().get(ClientChannel.class).map(client -> client.sentDirectly.sum()).orElse(0L);
    }

    public SocketChannel channel() {
        return channel;
    }

    /** The listener's buffers that a body may be read into and written to this socket from. */
    public SendBuffers sendBuffers() {
        return sendBuffers;
    }

    public void sentDirectly(long bytes) {
        sentDirectly.add(bytes);
    }
}

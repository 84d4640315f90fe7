package io.glance.http.connections;

import io.helidon.webserver.http.ServerRequest;

import java.nio.channels.SocketChannel;
import java.util.Optional;

/**
 * The socket of the connection a plaintext request came in on, as the connection guard admitted it. A handler may
 * write a response body to it directly (zero-copy file downloads) once Helidon has sent the status line and headers,
 * and only as many bytes as the Content-Length it declared; the request's context carries it from the guard's filter.
 */
public record ClientChannel(SocketChannel channel) {

    /** The channel, for a plaintext request on a guarded listener; empty over TLS or without a guard. */
    public static Optional<SocketChannel> of(ServerRequest req) {
        if (req.isSecure()) {
            return Optional.empty();
        }
        return req.context().get(ClientChannel.class).map(ClientChannel::channel).filter(SocketChannel::isBlocking);
    }
}

package io.glance.http.connections;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Locale;

/**
 * Marks the end of each request for the guard (from then on the connection waits for the next one, under
 * {@code client_socket_timeout}) and honours {@code Connection: close}, which Helidon answers but does not act on;
 * broken chunked framing in a request body becomes a 400 ({@link ChunkedFramingErrors}); the request's context gets
 * the connection's socket ({@link ClientChannel}) for zero-copy downloads, and a plaintext body of known length is read
 * past Helidon's copy where it can be ({@link DirectBody}).
 */
final class ConnectionPhaseFilter implements Filter {
    private final ConnectionGuard guard;

    ConnectionPhaseFilter(ConnectionGuard guard) {
        this.guard = guard;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.streamFilter(ChunkedFramingErrors::new);
        guard.find(req.remotePeer().address()).ifPresentOrElse(connection -> {
            req.context().register(new ClientChannel(connection.channel(), guard.sendBuffers()));
            directBody(req, connection.reads());
            boolean close = req.headers().first(HeaderNames.CONNECTION)
                    .map(value -> value.toLowerCase(Locale.ROOT).contains("close")).orElse(false);
            res.whenSent(() -> {
                if (close) {
                    connection.closeAfterAnswer(System.nanoTime());
                } else {
                    connection.answered(System.nanoTime());
                }
            });
            chain.proceed();
        }, chain::proceed);
    }

    /**
     * Large reads of a plaintext body of known length go past Helidon's copy ({@link DirectBody}); a chunked or
     * content-coded body and a TLS connection go through Helidon alone, as does a body Helidon already read whole
     * (buffered) when the stream is asked for.
     */
    private static void directBody(RoutingRequest req, WatchedReads reads) {
        if (reads == null || req.isSecure() || req.headers().contains(HeaderNames.TRANSFER_ENCODING)
                || req.headers().contains(HeaderNames.CONTENT_ENCODING)) {
            return;
        }
        long length = req.headers().contentLength().orElse(0);
        if (length > 0) {
            req.streamFilter(in -> req.content().consumed() ? in : new DirectBody(in, reads, length));
        }
    }
}

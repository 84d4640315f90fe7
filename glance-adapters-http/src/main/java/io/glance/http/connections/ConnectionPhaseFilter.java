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
 * the connection's socket ({@link ClientChannel}) for zero-copy downloads.
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
            req.context().register(new ClientChannel(connection.channel()));
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
}

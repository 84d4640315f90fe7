package io.glance.http.connections;

import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.spi.ServerConnection;
import io.helidon.webserver.spi.ServerConnectionSelector;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Helidon's HTTP/1.1 connection selector, extended to HTTP/1.0 and handing the HTTP/1 connection a context whose reads
 * the guard watches. It is listed before the listener's own selectors, so every HTTP/1 connection goes through it.
 */
final class GuardedHttp1Selector implements ServerConnectionSelector {
    private static final byte[] HTTP_10 = " HTTP/1.0".getBytes(StandardCharsets.US_ASCII);

    private final ServerConnectionSelector http1;
    private final ConnectionGuard guard;

    GuardedHttp1Selector(ServerConnectionSelector http1, ConnectionGuard guard) {
        this.http1 = http1;
        this.guard = guard;
    }

    @Override
    public int bytesToIdentifyConnection() {
        return http1.bytesToIdentifyConnection();
    }

    @Override
    public Support supports(BufferData request) {
        if (firstLineIsHttp10(request)) {
            return Support.SUPPORTED;
        }
        request.rewind();
        return http1.supports(request);
    }

    @Override
    public Set<String> supportedApplicationProtocols() {
        return http1.supportedApplicationProtocols();
    }

    @Override
    public ServerConnection connection(ConnectionContext context) {
        return guard.find(context.remotePeer().address())
                .map(connection -> http1.connection(new WatchedConnectionContext(context, connection)))
                .orElseGet(() -> http1.connection(context));
    }

    private static boolean firstLineIsHttp10(BufferData request) {
        int lineEnd = request.indexOf((byte) '\n');
        if (lineEnd < 0) {
            return false;
        }
        int end = lineEnd > 0 && request.get(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        int start = end - HTTP_10.length;
        if (start < 0) {
            return false;
        }
        for (int i = 0; i < HTTP_10.length; i++) {
            if (request.get(start + i) != HTTP_10[i]) {
                return false;
            }
        }
        return true;
    }
}

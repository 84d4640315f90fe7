package io.glance.http.connections;

import io.helidon.http.Headers;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

/** Tells the guard when a request head has been parsed: from then on the connection is in a request. */
final class HeadListener implements Http1ConnectionListener {
    @Override
    public void headers(ConnectionContext context, Headers headers) {
        if (context instanceof WatchedConnectionContext watched) {
            watched.connection().headComplete(System.nanoTime());
        }
    }
}

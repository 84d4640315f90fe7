package io.glance.http.connections;

import java.net.SocketAddress;

/** Thrown to the listener after a connection over the cap was answered 503 and closed; the listener carries on. */
final class ConnectionLimitReachedException extends IllegalStateException {
    ConnectionLimitReachedException(SocketAddress remote, int maxConnections) {
        super("refused " + remote + ": " + maxConnections + " connections are open and all are in a request");
    }
}

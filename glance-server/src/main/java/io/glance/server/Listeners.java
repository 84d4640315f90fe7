package io.glance.server;

import io.glance.http.connections.ConnectionGuard;
import io.glance.http.connections.ConnectionSettings;
import io.glance.http.connections.FileLimit;
import io.helidon.common.socket.SocketOptions;

import java.util.logging.Logger;

/** What glance-api's and glance-registry's listeners have in common: socket options and the connection guard. */
final class Listeners {
    private static final Logger LOG = Logger.getLogger(Listeners.class.getName());

    private Listeners() {
    }

    /**
     * Without TCP_NODELAY a JSON answer split across writes waits for the client's delayed ACK: bench/metadata.sh
     * measured 48 ms per 13 KB image list against 5 ms for a 5 KB one.
     */
    static SocketOptions socketOptions() {
        return SocketOptions.builder().tcpNoDelay(true).build();
    }

    /** A guard with the configured cap, or one derived from the file limit; warns when the cap risks the limit. */
    static ConnectionGuard guard(ConnectionSettings settings) {
        int derived = FileLimit.derivedConnectionCap();
        int cap = settings.maxConnections() == ConnectionSettings.DERIVED ? derived : settings.maxConnections();
        if (cap > derived) {
            LOG.warning("max_connections " + cap + " leaves too few of the " + FileLimit.softLimit().orElse(-1)
                    + " open files allowed (ulimit -n) for the files and store connections requests open; when "
                    + "they run out the listener fails and glance exits. " + derived + " would be safe.");
        }
        return new ConnectionGuard(settings, cap);
    }

    static String describe(ConnectionGuard guard) {
        ConnectionSettings settings = guard.settings();
        return "Connections: at most " + guard.maxConnections() + " (open files allowed: "
                + FileLimit.softLimit().orElse(-1) + "), client_socket_timeout "
                + settings.clientSocketTimeout().toMillis() / 1000.0 + " s, header_read_timeout "
                + settings.headerReadTimeout().toMillis() / 1000.0 + " s, body_read_timeout "
                + settings.bodyReadTimeout().toMillis() / 1000.0 + " s, min_body_rate " + settings.minBodyRate()
                + " bytes/s";
    }
}

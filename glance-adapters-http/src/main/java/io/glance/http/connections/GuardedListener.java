package io.glance.http.connections;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.http1.Http1ConnectionSelector;

import java.util.ArrayList;
import java.util.List;

/** Puts a {@link ConnectionGuard} in front of a Helidon listener. */
public final class GuardedListener {
    private GuardedListener() {
    }

    /**
     * Configures {@code server} so that every connection it accepts passes {@code guard}; the routing must also run
     * {@link #requestFilter(ConnectionGuard)} first.
     *
     * @param socketOptions the options every accepted socket gets (TCP_NODELAY and the like)
     * @param http1         the HTTP/1 settings the routing needs (the guard adds its listener to them)
     */
    public static void install(WebServerConfig.Builder server, ConnectionGuard guard, SocketOptions socketOptions,
                               Http1Config http1Settings) {
        Http1Config http1 = Http1Config.builder().from(http1Settings)
                .receiveListeners(List.of(withHeadListener(http1Settings.receiveListeners())))
                .build();
        server.addProtocol(http1)
                .addConnectionSelector(new GuardedHttp1Selector(Http1ConnectionSelector.builder().config(http1).build(),
                        guard))
                .connectionOptions(new GuardedSocketOptions(socketOptions, guard))
                .directHandlers(unparsableRequests());
    }

    /**
     * One listener, because Helidon 4.5 combines several into one that forwards no event at all. Its own logging
     * listener (which logs at TRACE, and is all an unconfigured list holds) is left out.
     */
    private static Http1ConnectionListener withHeadListener(List<Http1ConnectionListener> configured) {
        List<Http1ConnectionListener> listeners = new ArrayList<>();
        configured.stream().filter(listener -> !listener.getClass().getSimpleName().equals(
                "Http1LoggingConnectionListener")).forEach(listeners::add);
        listeners.add(new HeadListener());
        return listeners.size() == 1 ? listeners.getFirst() : new EveryListener(listeners);
    }

    private static DirectHandlers unparsableRequests() {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        UnparsableRequests handler = new UnparsableRequests();
        for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, handler);
        }
        return handlers.build();
    }

    /** The routing filter that tells the guard when a request has been answered. */
    public static Filter requestFilter(ConnectionGuard guard) {
        return new ConnectionPhaseFilter(guard);
    }
}

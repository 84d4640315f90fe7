package io.glance.client;

import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The JDK HttpClient of a connection, built on its first request that needs it: one with a JSON body, or any over
 * https (over plain http a request without a body goes out on the client's own socket, see Transport#json). The
 * data path (sendfile uploads, HttpURLConnection transfers) never uses it and reads the connect timeout and TLS trust
 * from here instead, so a cold {@code bin/glance upload}, which sends one PUT and nothing else, does not build it
 * (its selector thread, some 265 java.net.http classes): with the GET the upload no longer ends with, 0.2 CPU s of
 * the command (bench/README.md).
 */
final class LazyHttpClient {
    /** How long {@link #close()} waits for the selector thread: it ends within milliseconds once told to. */
    private static final Duration SELECTOR_EXIT_WAIT = Duration.ofSeconds(1);

    private final Duration connectTimeout;
    /** The trust asked for; null means the JDK's default context. */
    private final SSLContext tls;
    private HttpClient client;
    private boolean closed;

    LazyHttpClient(Duration connectTimeout, SSLContext tls) {
        this.connectTimeout = connectTimeout;
        this.tls = tls;
    }

    /** The HttpClient, built on the first call (HTTP/1.1, the connect timeout and trust of this connection). */
    synchronized HttpClient get() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
        if (client == null) {
            client = Transport.httpClient(connectTimeout, tls);
        }
        return client;
    }

    /**
     * Fails as {@link #get()} does once closed, for requests that go out without the HttpClient (plain http): a
     * closed client refuses every request alike.
     */
    synchronized void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the client is closed");
        }
    }

    /** Whether {@link #get()} has built the client yet. */
    synchronized boolean built() {
        return client != null;
    }

    /**
     * Stops the HttpClient, if built: its connections are closed, requests still in flight fail, and its selector
     * thread ends before this returns (waiting at most {@link #SELECTOR_EXIT_WAIT}). That thread sits in
     * {@code epoll_wait}, native code, for as long as the client lives, and HotSpot's exit waits up to 30 x 10 ms for
     * every thread in native code to come back: a cold {@code bin/glance show} spent 0.31 s between its last output
     * line and {@code exit_group} (strace, bench/README.md). Idempotent.
     */
    synchronized void close() {
        closed = true;
        if (client == null) {
            return;
        }
        client.shutdownNow();
        try {
            client.awaitTermination(SELECTOR_EXIT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether {@link #close()} found the client's selector thread ended (true when none was ever built). */
    synchronized boolean terminated() {
        return client == null || client.isTerminated();
    }

    Optional<Duration> connectTimeout() {
        return Optional.ofNullable(connectTimeout);
    }

    /** The TLS context for https data connections: the one asked for, else the JDK's default (as HttpClient's). */
    SSLContext sslContext() {
        if (tls != null) {
            return tls;
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no default TLS context", e);
        }
    }
}

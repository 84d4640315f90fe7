package io.glance.http.connections;

import io.helidon.common.socket.SocketOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketOption;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Helidon's per-connection socket options, plus admission: the listener calls {@link #configureSocket(SocketChannel)}
 * for every accepted connection before handing it to a reader thread, which is the one place a connection over the cap
 * can be turned away without the listener waiting (Helidon's own {@code max-tcp-connections} stops accepting instead,
 * leaving new clients, the health checker's among them, in the kernel's queue).
 */
final class GuardedSocketOptions implements SocketOptions {
    private final SocketOptions delegate;
    private final ConnectionGuard guard;

    GuardedSocketOptions(SocketOptions delegate, ConnectionGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void configureSocket(SocketChannel channel) {
        delegate.configureSocket(channel);
        try {
            guard.admit(channel);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return delegate.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return delegate.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return delegate.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return delegate.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return delegate.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return delegate.tcpNoDelay();
    }
}

package io.glance.http.connections;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.util.List;

/**
 * Calls every listener of a list. Helidon 4.5's own composite for more than one listener
 * ({@code Http1ConnectionListener.create(List)}) forwards none of the events, so a second listener silences all.
 */
final class EveryListener implements Http1ConnectionListener {
    private final List<Http1ConnectionListener> listeners;

    EveryListener(List<Http1ConnectionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void prologue(ConnectionContext context, HttpPrologue prologue) {
        listeners.forEach(listener -> listener.prologue(context, prologue));
    }

    @Override
    public void headers(ConnectionContext context, Headers headers) {
        listeners.forEach(listener -> listener.headers(context, headers));
    }

    @Override
    public void status(ConnectionContext context, Status status) {
        listeners.forEach(listener -> listener.status(context, status));
    }

    @Override
    public void data(ConnectionContext context, BufferData data) {
        listeners.forEach(listener -> listener.data(context, data));
    }

    @Override
    public void data(ConnectionContext context, byte[] bytes, int offset, int length) {
        listeners.forEach(listener -> listener.data(context, bytes, offset, length));
    }
}

package io.glance.http.connections;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One accepted connection as the guard sees it: which phase it is in and since when, and how fast its request body
 * arrives while the server waits for it. Times are {@link System#nanoTime()} values; the reaper and the connection's
 * own thread both touch the state, hence the synchronization (per connection, never contended for long).
 */
final class GuardedConnection {
    /** What the connection is doing, as far as the server can tell. */
    enum Phase {
        /** Accepted, or answered, and no byte of the next request has arrived. */
        AWAITING_REQUEST,
        /** Some of a request head has arrived, not all of it. */
        READING_HEAD,
        /** The head is complete: the request is being handled (its body read, its answer written). */
        IN_REQUEST,
        /** Answered with {@code Connection: close}; the output side is shut and the socket closes shortly. */
        CLOSING
    }

    private final SocketChannel channel;
    private final long acceptedAt;
    private Phase phase;
    private long phaseSince;
    private long blockedSince;
    private long windowWaitNanos;
    private long windowBytes;
    /** The reads of the HTTP/1 connection on this socket; set by its thread before its first request. */
    private volatile WatchedReads reads;

    GuardedConnection(SocketChannel channel, long now) {
        this.channel = channel;
        this.acceptedAt = now;
        this.phase = Phase.AWAITING_REQUEST;
        this.phaseSince = now;
    }

    SocketChannel channel() {
        return channel;
    }

    void reads(WatchedReads reads) {
        this.reads = reads;
    }

    /** The HTTP/1 connection's reads, or {@code null} before it has started. */
    WatchedReads reads() {
        return reads;
    }

    long acceptedAt() {
        return acceptedAt;
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    synchronized Phase phase() {
        return phase;
    }

    synchronized long phaseSince() {
        return phaseSince;
    }

    /** The connection's thread is about to block reading from the socket. */
    synchronized void readStarted(long now) {
        blockedSince = now;
    }

    /** A read returned {@code bytes} bytes (0 at end of stream), or bytes already buffered were taken. */
    synchronized void readFinished(long now, int bytes) {
        if (phase == Phase.IN_REQUEST) {
            windowWaitNanos += blockedSince == 0 ? 0 : now - blockedSince;
            windowBytes += bytes;
        }
        blockedSince = 0;
        if (bytes > 0 && phase == Phase.AWAITING_REQUEST) {
            enter(Phase.READING_HEAD, now);
        }
    }

    /** The request head has been parsed. */
    synchronized void headComplete(long now) {
        if (phase != Phase.CLOSING) {
            enter(Phase.IN_REQUEST, now);
            windowWaitNanos = 0;
            windowBytes = 0;
        }
    }

    /** The answer has been sent: the connection waits for its next request. */
    synchronized void answered(long now) {
        if (phase != Phase.CLOSING) {
            enter(Phase.AWAITING_REQUEST, now);
        }
    }

    /**
     * Sends FIN after the answer so the client sees the end of it; the socket itself is closed by the client's FIN or
     * by the reaper a moment later. Closing at once could reset the connection and lose the answer when unread request
     * bytes are still in the receive buffer.
     */
    synchronized void closeAfterAnswer(long now) {
        enter(Phase.CLOSING, now);
        try {
            channel.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            close();
        }
    }

    void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // already gone: nothing to release
        }
    }

    /**
     * Why this connection must be closed now, or {@code null} if it may stay.
     */
    synchronized String verdict(long now, ConnectionSettings settings, long closingGraceNanos) {
        long inPhase = now - phaseSince;
        return switch (phase) {
            case AWAITING_REQUEST -> inPhase > settings.clientSocketTimeout().toNanos() ? "idle" : null;
            case READING_HEAD -> inPhase > settings.headerReadTimeout().toNanos() ? "slow request head" : null;
            case CLOSING -> inPhase > closingGraceNanos ? "closed after Connection: close" : null;
            case IN_REQUEST -> bodyVerdict(now, settings);
        };
    }

    /**
     * Only the time the server actually spends waiting for the client counts: a body that stops because the store is
     * slow to take it is not the client's fault, and an answer being written is not a body at all.
     */
    private String bodyVerdict(long now, ConnectionSettings settings) {
        long window = settings.bodyReadTimeout().toNanos();
        if (blockedSince != 0 && now - blockedSince > window) {
            return "request body stalled";
        }
        long waited = windowWaitNanos + (blockedSince == 0 ? 0 : now - blockedSince);
        if (waited < window) {
            return null;
        }
        double seconds = waited / 1e9;
        if (settings.minBodyRate() > 0 && windowBytes < settings.minBodyRate() * seconds) {
            return "request body slower than " + settings.minBodyRate() + " bytes/s";
        }
        windowWaitNanos = blockedSince == 0 ? 0 : -(now - blockedSince);
        windowBytes = 0;
        return null;
    }

    private void enter(Phase next, long now) {
        phase = next;
        phaseSince = now;
    }
}

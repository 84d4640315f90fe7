package io.glance.http.connections;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Keeps a listener's connections within {@code maxConnections} and closes the ones that hold a slot without using it.
 * <p>
 * A new connection beyond the cap takes the slot of the longest-waiting connection that is not in a request (one that
 * sent nothing yet, then one still sending its head); when every connection is in a request, the newcomer gets a
 * {@code 503} and is closed at once. A reaper thread closes connections idle longer than
 * {@code client_socket_timeout}, heads slower than {@code header_read_timeout} and bodies that stall or trickle.
 * Each reaper pass that closes connections logs one line with the counts, so a flood does not flood the log.
 */
public final class ConnectionGuard implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ConnectionGuard.class.getName());
    private static final long CLOSING_GRACE_NANOS = Duration.ofSeconds(2).toNanos();
    private static final long LINGER_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int MAX_LINGERING = 64;
    private static final byte[] FULL = ("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\n"
            + "Connection: close\r\nRetry-After: 1\r\nContent-Length: 54\r\n\r\n"
            + "503 Service Unavailable: too many connections are open").getBytes(StandardCharsets.US_ASCII);

    /**
     * A download's read/write buffer, 1 MiB as nginx's {@code output_buffers 2 1m}: 512 KiB, 2 MiB and 4 MiB were no
     * faster in bench/download-ab.sh (4 MiB was the slowest).
     */
    static final int SEND_BUFFER_BYTES = 1024 * 1024;
    /** At most 64 MiB of send buffers, whatever max_connections is: beyond that, downloads use sendfile. */
    private static final long SEND_BUFFERS_MAX_BYTES = 64L * 1024 * 1024;

    private final ConnectionSettings settings;
    private final int maxConnections;
    private final SendBuffers sendBuffers;
    private final Map<SocketAddress, GuardedConnection> connections = new ConcurrentHashMap<>();
    private final Object admission = new Object();
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final Deque<Lingering> lingering = new ConcurrentLinkedDeque<>();
    private final Thread reaper;
    private volatile boolean running = true;

    public ConnectionGuard(ConnectionSettings settings, int maxConnections) {
        this.settings = requireNonNull(settings, "settings is null");
        if (maxConnections < 1) {
            throw new IllegalArgumentException("maxConnections must be >= 1: " + maxConnections);
        }
        this.maxConnections = maxConnections;
        this.sendBuffers = new SendBuffers(SEND_BUFFER_BYTES,
                (int) Math.min(maxConnections, SEND_BUFFERS_MAX_BYTES / SEND_BUFFER_BYTES));
        this.reaper = Thread.ofPlatform().daemon().name("glance-connection-reaper").unstarted(this::reap);
        reaper.start();
    }

    public int maxConnections() {
        return maxConnections;
    }

    /** The buffers downloads on this listener's connections may read and write through. */
    public SendBuffers sendBuffers() {
        return sendBuffers;
    }

    public ConnectionSettings settings() {
        return settings;
    }

    /** Connections open now (closed ones are forgotten lazily, so this may briefly count a few that just closed). */
    public int openConnections() {
        return connections.size();
    }

    /** Connections refused with a 503 because every slot was in a request, since start. */
    public long refusedConnections() {
        return refused.get();
    }

    /** Idle connections closed to make room for new ones, since start. */
    public long evictedConnections() {
        return evicted.get();
    }

    /**
     * Called by the listener thread for every accepted connection, before any byte is read.
     *
     * @throws ConnectionLimitReachedException after answering 503 and closing the channel, when no slot can be freed
     */
    void admit(SocketChannel channel) throws IOException {
        SocketAddress remote = channel.getRemoteAddress();
        long now = System.nanoTime();
        synchronized (admission) {
            if (connections.size() >= maxConnections) {
                forgetClosed();
            }
            if (connections.size() >= maxConnections && !evictOne()) {
                refused.incrementAndGet();
                refuse(channel);
                throw new ConnectionLimitReachedException(remote, maxConnections);
            }
            connections.put(remote, new GuardedConnection(channel, now));
        }
    }

    Optional<GuardedConnection> find(SocketAddress remote) {
        return remote == null ? Optional.empty() : Optional.ofNullable(connections.get(remote));
    }

    private boolean evictOne() {
        Optional<GuardedConnection> victim = connections.values().stream()
                .filter(c -> c.phase() == GuardedConnection.Phase.AWAITING_REQUEST
                        || c.phase() == GuardedConnection.Phase.CLOSING)
                .min(Comparator.comparingLong(GuardedConnection::phaseSince));
        if (victim.isEmpty()) {
            victim = connections.values().stream()
                    .filter(c -> c.phase() == GuardedConnection.Phase.READING_HEAD)
                    .min(Comparator.comparingLong(GuardedConnection::phaseSince));
        }
        victim.ifPresent(c -> {
            c.close();
            connections.values().remove(c);
            evicted.incrementAndGet();
        });
        return victim.isPresent();
    }

    /**
     * The 503 fits in any socket buffer, so this write on a fresh connection does not block the listener. The socket
     * is closed a moment later, not at once: closing it with the client's request unread would reset the connection
     * and the client would lose the answer. At most {@value #MAX_LINGERING} refused sockets linger at a time, so a
     * flood cannot turn them into the descriptor exhaustion the cap prevents.
     */
    private void refuse(SocketChannel channel) {
        try {
            channel.configureBlocking(false);
            channel.write(ByteBuffer.wrap(FULL));
            channel.shutdownOutput();
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return;
        }
        lingering.addLast(new Lingering(channel, System.nanoTime()));
        while (lingering.size() > MAX_LINGERING) {
            Lingering oldest = lingering.pollFirst();
            if (oldest != null) {
                closeQuietly(oldest.channel());
            }
        }
    }

    private void closeLingering(long now) {
        for (Lingering next = lingering.peekFirst(); next != null && now - next.since() > LINGER_NANOS;
             next = lingering.peekFirst()) {
            if (lingering.remove(next)) {
                closeQuietly(next.channel());
            }
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing left to release
        }
    }

    private record Lingering(SocketChannel channel, long since) {
    }

    private void forgetClosed() {
        connections.values().removeIf(c -> !c.isOpen());
    }

    private void reap() {
        long tickMillis = Math.clamp(Math.min(settings.headerReadTimeout().toMillis(),
                settings.bodyReadTimeout().toMillis()) / 4, 50, 1000);
        while (running) {
            try {
                Thread.sleep(tickMillis);
                reapOnce(System.nanoTime());
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warning("Connection reaper pass failed, retrying: " + e);
            }
        }
    }

    void reapOnce(long now) {
        closeLingering(now);
        Map<String, Integer> closed = new LinkedHashMap<>();
        Iterator<GuardedConnection> all = connections.values().iterator();
        while (all.hasNext()) {
            GuardedConnection connection = all.next();
            if (!connection.isOpen()) {
                all.remove();
                continue;
            }
            String reason = connection.verdict(now, settings, CLOSING_GRACE_NANOS);
            if (reason != null) {
                connection.close();
                all.remove();
                closed.merge(reason, 1, Integer::sum);
            }
        }
        if (!closed.isEmpty()) {
            LOG.info("Closed connections: " + closed + " (" + connections.size() + " open, at most "
                    + maxConnections + ")");
        }
    }

    @Override
    public void close() {
        running = false;
        reaper.interrupt();
        lingering.forEach(l -> closeQuietly(l.channel()));
    }
}

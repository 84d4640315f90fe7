package io.glance.adapters.registry;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends registry exchanges that outlive their timeout by closing their socket from one watching thread, so that the
 * calling threads read without a socket timeout. A read with {@code SO_TIMEOUT} on a virtual thread (every API request
 * runs on one) is a timed park: each registry call put a timer into the JDK's delay scheduler and took it out again,
 * and that scheduler's thread woke for both. In a profile of glance-api with {@code data_api: registry} that was about
 * 5 % of its CPU (the direct database path has none of it); a deadline field per connection and one thread looking at
 * them every {@link #TICK_MILLIS} ms cost next to nothing.
 *
 * <p>Each {@link RegistryConnections} owns one: its thread starts with the first connection watched and ends when the
 * connections are closed, so a closed registry client leaves no thread behind.
 */
final class AnswerDeadlines implements AutoCloseable {
    /** How often deadlines are looked at: a timed-out exchange ends at most this much after its deadline. */
    static final long TICK_MILLIS = 100;

    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private Thread watcher;
    private volatile boolean closed;

    /** What the watcher ends when its deadline has passed. */
    interface Watched {
        /** {@link System#nanoTime()} by which the exchange must have ended, or 0 while no exchange runs. */
        long deadline();

        /** Closes the connection so that its blocked read or write fails; the exchange then reports a timeout. */
        void expire();

        /** Closes the connection because its client is closing; an exchange still running on it fails. */
        void close();
    }

    /**
     * Watches {@code connection} until it is forgotten or expired.
     *
     * @return {@code false} once closed (the connection is not watched: an exchange on it could wait for ever)
     */
    boolean watch(Watched connection) {
        open.add(connection);
        return start(connection);
    }

    void forget(Watched connection) {
        open.remove(connection);
    }

    /** Whether the watching thread is alive: from the first connection watched until {@link #close()} ends it. */
    synchronized boolean watching() {
        return watcher != null && watcher.isAlive();
    }

    /** Starts the thread with the first connection; {@code false} once closed. */
    private synchronized boolean start(Watched connection) {
        if (closed) {
            open.remove(connection);
            return false;
        }
        if (watcher == null) {
            Thread thread = new Thread(this::run, "glance-registry-deadlines");
            thread.setDaemon(true);
            thread.start();
            watcher = thread;
        }
        return true;
    }

    private void run() {
        while (!closed) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
            long now = System.nanoTime();
            for (Watched connection : open) {
                long deadline = connection.deadline();
                if (deadline != 0 && now - deadline > 0) {
                    open.remove(connection);
                    connection.expire();
                }
            }
        }
    }

    /**
     * Stops the watching thread and waits for it to end, then closes the connections still watched: an exchange
     * still running on one fails instead of waiting without a deadline.
     */
    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            thread = watcher;
        }
        stop(thread);
        for (Watched connection : open) {
            open.remove(connection);
            connection.close();
        }
    }

    private static void stop(Thread thread) {
        if (thread == null) {
            return;
        }
        LockSupport.unpark(thread);
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

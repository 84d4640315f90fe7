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
 */
final class AnswerDeadlines {
    /** How often deadlines are looked at: a timed-out exchange ends at most this much after its deadline. */
    static final long TICK_MILLIS = 100;
    private static final AnswerDeadlines SHARED = new AnswerDeadlines();

    private final Set<Watched> open = ConcurrentHashMap.newKeySet();
    private volatile Thread watcher;

    private AnswerDeadlines() {
    }

    /** The one instance of this JVM; its thread starts with the first connection watched. */
    static AnswerDeadlines shared() {
        return SHARED;
    }

    /** What the watcher ends when its deadline has passed. */
    interface Watched {
        /** {@link System#nanoTime()} by which the exchange must have ended, or 0 while no exchange runs. */
        long deadline();

        /** Closes the connection so that its blocked read or write fails; the exchange then reports a timeout. */
        void expire();
    }

    void watch(Watched connection) {
        open.add(connection);
        if (watcher == null) {
            start();
        }
    }

    void forget(Watched connection) {
        open.remove(connection);
    }

    private synchronized void start() {
        if (watcher != null) {
            return;
        }
        Thread thread = new Thread(this::run, "glance-registry-deadlines");
        thread.setDaemon(true);
        thread.start();
        watcher = thread;
    }

    private void run() {
        while (true) {
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
}

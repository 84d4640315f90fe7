package io.glance.http.common;

/**
 * The request id of the request the calling thread is handling, for outbound calls that should carry it (glance-api's
 * registry client sends it to glance-registry, so that one id names the request in both access logs). Helidon runs a
 * request's filters and handler on one thread, so {@link RequestContextFilter} binds the id around the rest of the
 * chain; work handed to other threads (import tasks, background sweeps) has none.
 */
public final class CurrentRequestId {
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private CurrentRequestId() {
    }

    /** The id of the request being handled on this thread, or {@code null} outside one. */
    public static String get() {
        return CURRENT.get();
    }

    /** Runs {@code handling} with {@code requestId} bound, restoring what was bound before. */
    static void with(String requestId, Runnable handling) {
        String outer = CURRENT.get();
        CURRENT.set(requestId);
        try {
            handling.run();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }
}

package io.glance.client;

import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A value fetched on a thread of its own while the caller goes on, e.g. a download's image record (which names the
 * digest to check) while the data request is sent and the first blocks arrive. {@link #join()} gives the value or
 * throws the supplier's own exception, unwrapped, so callers see the same typed failures as without the thread.
 */
final class Prefetch<T> {
    private final String threadName;
    private final FutureTask<T> task;

    private Prefetch(String threadName, Supplier<T> supplier) {
        this.threadName = threadName;
        this.task = new FutureTask<>(supplier::get);
    }

    static <T> Prefetch<T> start(String threadName, Supplier<T> supplier) {
        Prefetch<T> prefetch = new Prefetch<>(threadName, supplier);
        Thread.ofPlatform().name(threadName).daemon().start(prefetch.task);
        return prefetch;
    }

    /** Whether the value (or its failure) is there, so that {@link #join()} would not wait. */
    boolean isDone() {
        return task.isDone();
    }

    /** Waits for the value; the supplier's RuntimeException or Error is thrown as it was thrown. */
    T join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            task.cancel(true);
            throw new GlanceConnectionException("interrupted while waiting for " + threadName,
                    new InterruptedIOException(e.getMessage()));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}

package io.glance.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Writes a download's blocks into its target on a thread of its own while the caller hashes the same block, so that
 * the write into the page cache (about 1.1 CPU s per GiB, bench/README.md) and sha512 (about 1.5) run side by side on
 * two cores instead of one after the other on the hashing thread. One block at a time and no copy: the caller waits
 * for a block's write ({@link #finish}) before the read-ahead may fill that array again, so the bytes are written in
 * order and at most one block is in flight.
 */
final class OverlappedWriter implements AutoCloseable {
    private final OutputStream out;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(task ->
            Thread.ofPlatform().name("glance-client-writer").daemon().unstarted(task));
    private Future<?> pending;

    OverlappedWriter(OutputStream out) {
        this.out = out;
    }

    /** Starts writing {@code length} bytes of {@code data}; the array must stay untouched until {@link #finish}. */
    void start(byte[] data, int length) {
        if (pending != null) {
            throw new IllegalStateException("the previous block's write was not finished");
        }
        pending = thread.submit(() -> {
            out.write(data, 0, length);
            return null;
        });
    }

    /** Waits for the block being written; its failure is the target's, as an {@link UncheckedIOException}. */
    void finish() throws InterruptedIOException {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing the downloaded data");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw new UncheckedIOException("cannot write the downloaded data", io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("writing the downloaded data failed", cause);
        } finally {
            pending = null;
        }
    }

    /** Stops the thread; a write still under way (the download failed) is interrupted, not waited for. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}

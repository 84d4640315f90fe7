package io.glance.application;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Puts the finished part of a file an import step is still writing on disk while the step writes the rest: after
 * each {@link #request}, one background {@code fdatasync} of the file (requests that arrive meanwhile share the next
 * one). The store that takes the file (putLocalFile) must still force it to disk, and does; this only leaves that
 * last fsync little to write: for 4 GiB converted in 256 MiB windows, the dirty pages of the last window or two
 * instead of the gigabytes the kernel had not yet written back (bench/README, import-conversion.sh).
 * <p>
 * It is a head start and nothing more, so a failure here is logged and ends the flushing: the store's own fsync
 * reports what is wrong with the file.
 */
final class BackgroundFlush implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BackgroundFlush.class.getName());

    private final Path file;
    private final FileChannel channel;
    private final Executor executor;
    /** Guarded by this. */
    private boolean running;
    private boolean pending;
    private boolean closed;

    /** Opens {@code file} (for reading: {@code fdatasync} needs no more) to flush it on {@code executor}. */
    BackgroundFlush(Path file, Executor executor) throws IOException {
        this.file = requireNonNull(file, "file is null");
        this.executor = requireNonNull(executor, "executor is null");
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
    }

    /** More of the file is final: flush it, now or right after the flush under way. */
    synchronized void request() {
        if (closed) {
            return;
        }
        if (running) {
            pending = true;
            return;
        }
        running = true;
        try {
            executor.execute(this::flushWhileRequested);
        } catch (RejectedExecutionException e) {
            running = false;
            LOG.log(Level.FINE, "No thread to flush " + file + " early; the store's fsync does it all", e);
        }
    }

    /**
     * Stops flushing: a flush under way finishes in the background (it only writes what must be written anyway) and
     * then closes the file.
     */
    @Override
    public synchronized void close() {
        closed = true;
        if (!running) {
            closeChannel();
        }
    }

    private void flushWhileRequested() {
        while (true) {
            try {
                channel.force(false);
            } catch (IOException e) {
                LOG.log(Level.FINE, "Flushing " + file + " early failed; the store's fsync will tell", e);
                synchronized (this) {
                    closed = true;
                }
            }
            synchronized (this) {
                if (closed || !pending) {
                    running = false;
                    if (closed) {
                        closeChannel();
                    }
                    return;
                }
                pending = false;
            }
        }
    }

    private void closeChannel() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.log(Level.FINE, "Closing " + file + " after flushing it failed", e);
        }
    }
}

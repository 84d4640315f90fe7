package io.glance.application;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Removes expired resumable upload sessions and their partial data, once at start and then on a daemon thread every
 * {@link ResumableUploadSettings#sweepInterval()}.
 */
final class ResumableUploadSweep implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ResumableUploadSweep.class.getName());

    private final ResumableUploadService uploads;
    private final Duration interval;
    private ScheduledExecutorService timer;

    ResumableUploadSweep(ResumableUploadService uploads, Duration interval) {
        this.uploads = requireNonNull(uploads, "uploads is null");
        this.interval = requireNonNull(interval, "interval is null");
    }

    /** Sweeps now, then periodically; returns what the first sweep removed. */
    synchronized int start() {
        int removed = runQuietly();
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("glance-upload-sweep")
                    .daemon(true).factory());
            long period = Math.max(interval.toMillis(), 100);
            timer.scheduleWithFixedDelay(this::runQuietly, period, period, TimeUnit.MILLISECONDS);
        }
        return removed;
    }

    private int runQuietly() {
        try {
            int removed = uploads.sweep();
            if (removed > 0) {
                LOG.info("Resumable uploads: removed " + removed + " expired session(s) or orphaned partial data");
            }
            return removed;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Resumable uploads: the sweep of expired sessions failed; tried again later", e);
            return 0;
        }
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}

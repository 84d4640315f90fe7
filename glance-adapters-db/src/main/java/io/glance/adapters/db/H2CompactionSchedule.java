package io.glance.adapters.db;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * Runs {@link H2OnlineCompaction#compactIfGrown()} every {@link H2OnlineCompaction.Policy#checkEvery} on one daemon
 * thread of its own, from {@link GlanceDatabase#open} until the database closes. A failed run is logged and the next
 * one tries again: a file that stays large is a smaller harm than a request path that fails.
 */
final class H2CompactionSchedule implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(H2CompactionSchedule.class.getName());

    private final H2OnlineCompaction compaction;
    private final String database;
    private final ScheduledExecutorService thread;

    H2CompactionSchedule(H2OnlineCompaction compaction, String database) {
        this.compaction = requireNonNull(compaction, "compaction is null");
        this.database = requireNonNull(database, "database is null");
        this.thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon()
                .name("glance-db-compaction").factory());
        long period = compaction.policy().checkEvery().toMillis();
        thread.scheduleWithFixedDelay(this::run, period, period, TimeUnit.MILLISECONDS);
    }

    private void run() {
        try {
            compaction.compactIfGrown().ifPresent(result -> LOG.fine(() -> "compacted " + database + " online: "
                    + result.bytesBefore() + " -> " + result.bytesAfter() + " bytes in " + result.took().toMillis()
                    + " ms"));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Online compaction of " + database + " failed; it is tried again in "
                    + compaction.policy().checkEvery().toSeconds() + " s", e);
        }
    }

    /**
     * Stops the thread, waiting for a compaction in progress so that the pool is not closed under it. Never
     * interrupts it: an interrupt inside H2's file I/O closes the channel and with it the database.
     */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warning("Online compaction of " + database + " did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.glance.application;

import io.glance.domain.LimitExceededException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * One import's digests taken while an import step wrote its new data ({@link ImportStep.Context#writtenUpTo}): the
 * file being written, and once the step handed it over ({@link #replaced}), the staged file's. A later replacement
 * of the staged data, or a file other than the announced one, drops them: the store write then reads the staged file
 * as before. While the step writes, each announcement also starts the announced part's way to disk
 * ({@link BackgroundFlush}), since the stores that take the file force it to disk when they get it. {@link #close}
 * stops whatever is still reading.
 */
final class EarlyDigests implements AutoCloseable {
    /** Where a reader's size limit comes from when it starts: {@code image_size_cap} or the quota left. */
    interface Limit {
        long bytes();

        LongFunction<LimitExceededException> overCap();
    }

    private final Supplier<Limit> limit;
    private final Executor executor;
    private GrowingFileDigests writing;
    private BackgroundFlush flushing;
    private GrowingFileDigests staged;
    private boolean enabled;

    EarlyDigests(Supplier<Limit> limit, Executor executor) {
        this.limit = requireNonNull(limit, "limit is null");
        this.executor = requireNonNull(executor, "executor is null");
    }

    /**
     * Whether announcements are taken at all: only when every target store takes the staged file as it is. A store
     * that copies reads the data anyway, with the digests, so reading it earlier as well would hash it twice.
     */
    synchronized void enabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** The step's file {@code file} is final up to {@code length}; the first call for a file starts reading it. */
    synchronized void writtenUpTo(Path file, long length) throws IOException {
        if (!enabled) {
            return;
        }
        Path normalized = file.toAbsolutePath().normalize();
        if (writing != null && !writing.file().equals(normalized)) {
            dropWriting();
        }
        if (writing == null) {
            Limit now = limit.get();
            writing = new GrowingFileDigests(normalized, now.bytes(), now.overCap(), executor);
            try {
                flushing = new BackgroundFlush(normalized, executor);
            } catch (IOException | RuntimeException e) {
                dropWriting();
                throw e;
            }
        }
        writing.writtenUpTo(length);
        flushing.request();
    }

    /** The staged data was replaced by {@code newData}: if that is the announced file, its digests are the staged data's. */
    synchronized void replaced(Path newData) throws IOException {
        if (staged != null) {
            staged.cancel();
            staged = null;
        }
        if (writing != null && writing.file().equals(newData.toAbsolutePath().normalize())) {
            staged = writing;
            writing = null;
            // Written in full: what is left to flush is the store's fsync, which follows at once.
            stopFlushing();
            staged.complete();
        } else if (writing != null) {
            dropWriting();
        }
    }

    /** A replacement failed: nothing announced describes the staged data. */
    synchronized void dropWriting() {
        stopFlushing();
        if (writing != null) {
            writing.cancel();
            writing = null;
        }
    }

    private void stopFlushing() {
        if (flushing != null) {
            flushing.close();
            flushing = null;
        }
    }

    /** The digests of {@code stagedFile} being taken, or {@code null} when there are none (then read it). */
    synchronized GrowingFileDigests of(Path stagedFile) throws IOException {
        return staged != null && staged.digestsOf(stagedFile) ? staged : null;
    }

    @Override
    public synchronized void close() {
        dropWriting();
        if (staged != null) {
            staged.cancel();
            staged = null;
        }
    }
}

package io.glance.application;

import io.glance.domain.LimitExceededException;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.LongFunction;

import static java.util.Objects.requireNonNull;

/**
 * The byte count, md5 and sha512 of a file an import step is still writing, read while the step announces how much
 * of it is final ({@link ImportStep.Context#writtenUpTo}): image_conversion converts to raw in windows, and each
 * finished window is hashed here while qemu-img converts the next, so the digests are ready when the conversion ends
 * instead of after a second read of the whole file. One reader thread feeds an {@link UploadStream} (its size cap and
 * its two digest workers, as for any store write) and waits whenever it has caught up with the announced length.
 * <p>
 * The file is opened at once, so it is read through the same open file after the step moves it into staging; its
 * identity ({@code fileKey}) tells the store write whether these digests are those of the staged file.
 */
final class GrowingFileDigests {
    private final Path file;
    private final FileChannel channel;
    /** Reads the bytes past the page cache where it can: they go into a store once and are not read again. */
    private final UncachedReads reads;
    private final Object fileKey;
    private final CompletableFuture<UploadDigests> result;
    /** Guarded by this. */
    private long finalLength;
    private boolean complete;
    private boolean cancelled;

    /**
     * Starts reading {@code file} on {@code executor} (one reader and its read-ahead, plus the two digest workers).
     *
     * @param sizeCap the most bytes accepted ({@code image_size_cap} or what the quota leaves)
     * @param overCap the failure once more arrived
     */
    GrowingFileDigests(Path file, long sizeCap, LongFunction<LimitExceededException> overCap, Executor executor)
            throws IOException {
        this.file = requireNonNull(file, "file is null");
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.reads = new UncachedReads(file, channel, UncachedReads.READ_SIZE, executor);
        try {
            this.fileKey = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            UploadStream stream = new UploadStream(new AnnouncedBytes(), sizeCap, -1, overCap, null, executor);
            try {
                this.result = CompletableFuture.supplyAsync(() -> drain(stream), executor);
            } catch (RuntimeException e) {
                stream.abort();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
            reads.close();
            channel.close();
            throw e;
        }
    }

    /** The path the step wrote, as it announced it. */
    Path file() {
        return file;
    }

    /**
     * The first {@code length} bytes are final and may be read.
     *
     * @throws IllegalArgumentException when {@code length} is below a length announced before
     * @throws LimitExceededException   when the bytes read so far are already more than the size cap (the step can
     *                                  stop writing), or the reader's {@link IOException}
     */
    synchronized void writtenUpTo(long length) throws IOException {
        if (result.isCompletedExceptionally()) {
            await();
        }
        if (length < finalLength) {
            throw new IllegalArgumentException("The final length of " + file + " went back from " + finalLength
                    + " to " + length + " bytes");
        }
        finalLength = length;
        notifyAll();
    }

    /** The step handed the file over: it will not change, and is read to its end. */
    synchronized void complete() throws IOException {
        try {
            finalLength = Math.max(finalLength, channel.size());
        } catch (ClosedChannelException e) {
            // The reader has ended, which it does before the hand-over only when it failed: await() says why.
        }
        complete = true;
        notifyAll();
    }

    /** Whether the file has been handed over and {@code staged} is that same file (moved, not copied). */
    boolean digestsOf(Path staged) throws IOException {
        synchronized (this) {
            if (!complete || cancelled) {
                return false;
            }
        }
        return Objects.equals(fileKey, Files.readAttributes(staged, BasicFileAttributes.class).fileKey());
    }

    /**
     * Waits for the reader to reach the end of the file.
     *
     * @throws LimitExceededException when the file holds more than the size cap
     * @throws IOException            when reading it failed
     */
    UploadDigests await() throws IOException {
        try {
            return result.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Stops the reader and its digest workers, and waits for them; safe to call at any time, more than once. */
    void cancel() {
        synchronized (this) {
            cancelled = true;
            notifyAll();
        }
        result.exceptionally(failure -> null).join();
    }

    private UploadDigests drain(UploadStream stream) {
        try (channel; reads) {
            byte[] buffer = new byte[UploadStream.BUFFER_SIZE];
            while (stream.readNBytes(buffer, 0, buffer.length) > 0) {
                // The stream counts, caps and hands the bytes to the digest workers.
            }
            return stream.finish();
        } catch (IOException e) {
            stream.abort();
            throw new UncheckedIOException(e);
        } catch (RuntimeException | Error e) {
            stream.abort();
            throw e;
        }
    }

    /** The file's bytes up to the announced length, waiting for more until the file is handed over. */
    private final class AnnouncedBytes extends InputStream {
        private long position;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            long readable = readableFrom(position);
            if (readable == 0) {
                return -1;
            }
            int read = reads.read(buffer, offset, length, position, readable);
            if (read < 0) {
                throw new IOException(file + " ended at " + position + " bytes, before the " + (position + readable)
                        + " announced as written");
            }
            position += read;
            return read;
        }

        /** Bytes that may be read from {@code at} on; 0 at the end of the handed-over file. */
        private long readableFrom(long at) throws InterruptedIOException {
            synchronized (GrowingFileDigests.this) {
                while (!cancelled && finalLength <= at && !complete) {
                    try {
                        GrowingFileDigests.this.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("Interrupted while waiting for " + file + " to grow");
                    }
                }
                if (cancelled) {
                    throw new InterruptedIOException("The digests of " + file + " were cancelled");
                }
                return Math.max(0, finalLength - at);
            }
        }
    }
}

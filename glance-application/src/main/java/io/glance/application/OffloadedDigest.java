package io.glance.application;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static java.util.Objects.requireNonNull;

/**
 * A message digest computed on another thread, so that two digests of one stream use two cores. The producer's bytes
 * are copied into a few pooled buffers (copying is ~20 times faster than hashing) and handed to one worker task
 * through a bounded queue: memory stays at {@code buffers × bufferSize} however fast the producer is, and a slow
 * worker makes the producer wait instead of queueing more.
 * <p>
 * Not thread-safe: one producer calls {@link #update}, then either {@link #finish} or {@link #cancel}; after either
 * the worker has ended, so no thread outlives the upload.
 */
final class OffloadedDigest {
    private static final Chunk END = new Chunk(new byte[0], 0);
    private static final Chunk CANCEL = new Chunk(new byte[0], 0);
    private static final long POLL_MILLIS = 100;

    private record Chunk(byte[] buffer, int length) {
    }

    private final String algorithm;
    private final MessageDigest digest;
    private final int bufferSize;
    private final int maxBuffers;
    private final BlockingQueue<byte[]> free;
    private final BlockingQueue<Chunk> filled;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private int allocated;
    private byte[] current;
    private int fill;
    private boolean ended;

    /**
     * @param executor   runs the worker; it needs one thread for as long as the stream lasts (virtual threads suit)
     * @param bufferSize bytes per hand-over; large enough that queue operations are rare
     * @param buffers    how many buffers may be in flight at once, at least 2 so that copying and hashing overlap
     * @throws java.util.concurrent.RejectedExecutionException when the executor is shut down
     */
    OffloadedDigest(String algorithm, Executor executor, int bufferSize, int buffers) {
        this.algorithm = requireNonNull(algorithm, "algorithm is null");
        this.digest = newDigest(algorithm);
        if (bufferSize <= 0 || buffers < 2) {
            throw new IllegalArgumentException("bufferSize " + bufferSize + " must be positive and buffers " + buffers
                    + " at least 2");
        }
        this.bufferSize = bufferSize;
        this.maxBuffers = buffers;
        this.free = new ArrayBlockingQueue<>(buffers);
        // One slot more than there are buffers, so that END or CANCEL always fits.
        this.filled = new ArrayBlockingQueue<>(buffers + 1);
        requireNonNull(executor, "executor is null").execute(this::work);
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks the " + algorithm + " digest", e);
        }
    }

    /** Hands bytes to the worker; waits while all buffers are in flight. */
    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
        while (length > 0) {
            if (current == null) {
                current = takeFreeBuffer();
                fill = 0;
            }
            int count = Math.min(length, bufferSize - fill);
            System.arraycopy(bytes, offset, current, fill, count);
            fill += count;
            offset += count;
            length -= count;
            if (fill == bufferSize) {
                handOver();
            }
        }
    }

    /** Waits for the worker to hash everything handed over and returns the digest. */
    byte[] finish() throws InterruptedIOException {
        if (ended) {
            throw new IllegalStateException(algorithm + " digest already finished or cancelled");
        }
        if (fill > 0) {
            handOver();
        }
        ended = true;
        put(END);
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelQuietly();
            throw interrupted();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The " + algorithm + " digest worker failed", e.getCause());
        }
    }

    /** Stops the worker without a result and waits (briefly) until it has ended. Safe to call more than once. */
    void cancel() {
        if (!ended) {
            ended = true;
            cancelQuietly();
        }
    }

    private void cancelQuietly() {
        // Pending chunks are dropped: the worker sees CANCEL next and stops without hashing them.
        filled.clear();
        filled.offer(CANCEL);
        try {
            result.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | CancellationException ignored) {
            // The worker ended one way or another (or is stuck in the executor's queue, which shutdown clears).
        }
    }

    private void handOver() throws InterruptedIOException {
        put(new Chunk(current, fill));
        current = null;
        fill = 0;
    }

    private byte[] takeFreeBuffer() throws InterruptedIOException {
        byte[] buffer = free.poll();
        if (buffer != null) {
            return buffer;
        }
        if (allocated < maxBuffers) {
            allocated++;
            return new byte[bufferSize];
        }
        try {
            while (true) {
                buffer = free.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (buffer != null) {
                    return buffer;
                }
                // The worker never returns buffers once it has ended; do not wait for them forever.
                if (result.isDone()) {
                    Throwable cause = result.isCompletedExceptionally() && !result.isCancelled()
                            ? result.exceptionNow() : null;
                    throw new IllegalStateException("The " + algorithm + " digest worker stopped early", cause);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    private void put(Chunk chunk) throws InterruptedIOException {
        try {
            filled.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    private InterruptedIOException interrupted() {
        return new InterruptedIOException("Interrupted while computing the " + algorithm + " digest");
    }

    private void work() {
        try {
            while (true) {
                Chunk chunk = filled.take();
                if (chunk == END) {
                    result.complete(digest.digest());
                    return;
                }
                if (chunk == CANCEL) {
                    result.cancel(false);
                    return;
                }
                digest.update(chunk.buffer(), 0, chunk.length());
                free.offer(chunk.buffer());
            }
        } catch (InterruptedException e) {
            // The executor is shutting down.
            result.completeExceptionally(e);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
            throw e;
        }
    }
}

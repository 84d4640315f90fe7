package io.glance.application;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Several message digests of one stream, each computed on its own worker thread, so that md5 and sha512 (each about
 * as fast as the upload we want) take two cores instead of one, and the reading thread is left with the I/O.
 * <p>
 * The producer's bytes are copied once into a few pooled buffers (copying is ~20 times faster than hashing); each
 * filled buffer goes to every worker's bounded queue and back to the pool when the last worker is done with it. So
 * memory stays at {@code buffers × bufferSize} however fast the producer is: when the workers fall behind, the
 * producer waits for a free buffer instead of queueing more.
 * <p>
 * Not thread-safe: one producer calls {@link #update}, then {@link #finish} or {@link #cancel}; after either, every
 * worker has ended, so no thread outlives the stream.
 */
final class ParallelDigests {
    private static final long POLL_MILLIS = 100;
    private static final long CANCEL_WAIT_SECONDS = 5;

    /** A filled buffer and how many workers still have to hash it. */
    private record Chunk(byte[] buffer, int length, AtomicInteger pending) {
    }

    private static final Chunk END = new Chunk(new byte[0], 0, new AtomicInteger());
    private static final Chunk CANCEL = new Chunk(new byte[0], 0, new AtomicInteger());

    private final List<Worker> workers = new ArrayList<>();
    private final int bufferSize;
    private final int maxBuffers;
    private final BlockingQueue<byte[]> free;
    private int allocated;
    private byte[] current;
    private int fill;
    private boolean ended;

    /**
     * @param algorithms JDK digest names, e.g. {@code MD5}, {@code SHA-512}
     * @param executor   runs one worker per algorithm for as long as the stream lasts (virtual threads suit)
     * @param bufferSize bytes per hand-over; large enough that queue operations are rare
     * @param buffers    buffers in flight at most, at least 2 so that copying and hashing overlap
     * @throws java.util.concurrent.RejectedExecutionException when the executor is shut down
     */
    ParallelDigests(List<String> algorithms, Executor executor, int bufferSize, int buffers) {
        requireNonNull(algorithms, "algorithms is null");
        requireNonNull(executor, "executor is null");
        if (algorithms.isEmpty() || bufferSize <= 0 || buffers < 2) {
            throw new IllegalArgumentException("need algorithms (" + algorithms + "), a positive bufferSize ("
                    + bufferSize + ") and at least 2 buffers (" + buffers + ")");
        }
        this.bufferSize = bufferSize;
        this.maxBuffers = buffers;
        this.free = new ArrayBlockingQueue<>(buffers);
        for (String algorithm : algorithms) {
            workers.add(new Worker(algorithm, buffers));
        }
        try {
            for (Worker worker : workers) {
                executor.execute(worker::run);
            }
        } catch (RuntimeException e) {
            cancel();
            throw e;
        }
    }

    /** Hands bytes to the workers; waits while all buffers are in flight. */
    void update(byte[] bytes, int offset, int length) throws InterruptedIOException {
        if (ended) {
            throw new IllegalStateException("Digests already finished or cancelled");
        }
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

    /** Fills a pooled buffer: returns how many bytes it put at the start, or a negative number for none. */
    interface Filler {
        int fill(byte[] buffer) throws IOException;
    }

    /** Reads a filled buffer while the workers hash it; must neither change it nor keep it after returning. */
    interface Sharer {
        void use(byte[] buffer, int length) throws IOException;
    }

    /**
     * Hands bytes to the workers without copying them: {@code filler} fills a pooled buffer in place, the workers get
     * it, and {@code sharer} reads the same buffer meanwhile (a store writing it), so one copy of the bytes serves
     * both. The buffer goes back to the pool when the workers and the sharer are all done with it. Waits while all
     * buffers are in flight.
     *
     * @return what {@code filler} returned: the bytes handed over, or a negative number when it had none
     */
    int fillAndShare(Filler filler, Sharer sharer) throws IOException {
        if (ended) {
            throw new IllegalStateException("Digests already finished or cancelled");
        }
        if (fill > 0) {
            handOver();
        }
        byte[] buffer = current != null ? current : takeFreeBuffer();
        current = null;
        int filled;
        try {
            filled = filler.fill(buffer);
        } catch (IOException | RuntimeException | Error e) {
            free.offer(buffer);
            throw e;
        }
        if (filled <= 0) {
            free.offer(buffer);
            return filled;
        }
        Chunk chunk = new Chunk(buffer, filled, new AtomicInteger(workers.size() + 1));
        queue(chunk);
        try {
            sharer.use(buffer, filled);
        } finally {
            release(chunk);
        }
        return filled;
    }

    /** Waits until every worker has hashed everything handed over; the digests in the order of the algorithms. */
    List<byte[]> finish() throws InterruptedIOException {
        if (ended) {
            throw new IllegalStateException("Digests already finished or cancelled");
        }
        if (fill > 0) {
            handOver();
        }
        ended = true;
        List<byte[]> digests = new ArrayList<>(workers.size());
        try {
            for (Worker worker : workers) {
                worker.queue.put(END);
            }
            for (Worker worker : workers) {
                digests.add(worker.result.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopWorkers();
            throw interrupted();
        } catch (ExecutionException e) {
            stopWorkers();
            throw new IllegalStateException("A digest worker failed", e.getCause());
        }
        return digests;
    }

    /** Stops the workers without results and waits (briefly) until they have ended. Safe to call more than once. */
    void cancel() {
        if (!ended) {
            ended = true;
            stopWorkers();
        }
    }

    private void stopWorkers() {
        for (Worker worker : workers) {
            // Pending chunks are dropped: the worker sees CANCEL next. The queue has room for it once cleared,
            // because only this thread adds to it.
            worker.queue.clear();
            worker.queue.offer(CANCEL);
        }
        for (Worker worker : workers) {
            try {
                worker.result.get(CANCEL_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | CancellationException ignored) {
                // Ended one way or another (or never started: executor shutdown then discards the task).
            }
        }
    }

    private void handOver() throws InterruptedIOException {
        Chunk chunk = new Chunk(current, fill, new AtomicInteger(workers.size()));
        current = null;
        fill = 0;
        queue(chunk);
    }

    private void queue(Chunk chunk) throws InterruptedIOException {
        try {
            // Never blocks for long: a queue holds at most as many chunks as there are buffers, plus END.
            for (Worker worker : workers) {
                worker.queue.put(chunk);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    /** One holder of the chunk is done with it; the last one returns the buffer to the pool. */
    private void release(Chunk chunk) {
        if (chunk.pending().decrementAndGet() == 0) {
            free.offer(chunk.buffer());
        }
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
                // A worker that ended early never returns its buffers: do not wait for them forever.
                for (Worker worker : workers) {
                    if (worker.result.isDone()) {
                        throw new IllegalStateException("The " + worker.algorithm + " digest worker stopped early",
                                worker.failure());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted();
        }
    }

    private static InterruptedIOException interrupted() {
        return new InterruptedIOException("Interrupted while computing digests");
    }

    static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK lacks the " + algorithm + " digest", e);
        }
    }

    /** One digest, its queue of chunks and its result. */
    private final class Worker {
        final String algorithm;
        final MessageDigest digest;
        final BlockingQueue<Chunk> queue;
        final CompletableFuture<byte[]> result = new CompletableFuture<>();

        Worker(String algorithm, int buffers) {
            this.algorithm = algorithm;
            this.digest = newDigest(algorithm);
            this.queue = new ArrayBlockingQueue<>(buffers + 1);
        }

        void run() {
            try {
                while (true) {
                    Chunk chunk = queue.take();
                    if (chunk == END) {
                        result.complete(digest.digest());
                        return;
                    }
                    if (chunk == CANCEL) {
                        result.cancel(false);
                        return;
                    }
                    digest.update(chunk.buffer(), 0, chunk.length());
                    release(chunk);
                }
            } catch (InterruptedException e) {
                // The executor is shutting down.
                result.completeExceptionally(e);
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                throw e;
            }
        }

        Throwable failure() {
            return result.isCompletedExceptionally() && !result.isCancelled() ? result.exceptionNow() : null;
        }
    }
}

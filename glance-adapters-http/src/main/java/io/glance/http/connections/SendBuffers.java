package io.glance.http.connections;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Direct buffers that response bodies are read into and written to sockets from ({@code BufferedBody}), shared by a
 * listener's connections: at most {@code limit} out at once (no more than the connections the listener admits), each
 * allocated on first need and kept for the next body, so memory grows to the peak of concurrent downloads and no
 * further. When none is free the caller sends its body another way.
 */
public final class SendBuffers {
    private final int bufferBytes;
    private final int limit;
    private final Semaphore free;
    private final Queue<ByteBuffer> idle = new ConcurrentLinkedQueue<>();

    public SendBuffers(int bufferBytes, int limit) {
        if (bufferBytes < 1 || limit < 0) {
            throw new IllegalArgumentException("bufferBytes must be >= 1 and limit >= 0: " + bufferBytes + ", " + limit);
        }
        this.bufferBytes = bufferBytes;
        this.limit = limit;
        this.free = new Semaphore(limit);
    }

    public int bufferBytes() {
        return bufferBytes;
    }

    public int limit() {
        return limit;
    }

    /** A cleared buffer of {@link #bufferBytes()}, to be given back with {@link #release}; empty when all are out. */
    public Optional<ByteBuffer> take() {
        if (!free.tryAcquire()) {
            return Optional.empty();
        }
        ByteBuffer buffer = idle.poll();
        if (buffer == null) {
            try {
                buffer = ByteBuffer.allocateDirect(bufferBytes);
            } catch (OutOfMemoryError e) {
                // MaxDirectMemorySize reached (other direct buffers: Helidon's, the JDK's caches): send another way.
                free.release();
                return Optional.empty();
            }
        }
        return Optional.of(buffer.clear());
    }

    /** Gives back a buffer from {@link #take()}, once nothing uses it any more. */
    public void release(ByteBuffer buffer) {
        idle.add(buffer);
        free.release();
    }
}

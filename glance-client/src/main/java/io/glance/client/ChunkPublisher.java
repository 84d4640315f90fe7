package io.glance.client;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A request body read in large blocks from a {@link ChunkSource} and handed to the HTTP client as it asks for them.
 * The JDK's own publishers ({@code ofInputStream}, {@code ofFile}) read 16 KiB at a time, and profiling showed the
 * client's CPU going into the per-chunk hand-off between its threads rather than into the bytes; 256 KiB blocks
 * cut that by sixteen and keep memory flat (the client holds a few blocks at most). Blocks stay under half a G1
 * region so that they are ordinary allocations, not humongous ones.
 */
final class ChunkPublisher implements BodyPublisher {
    static final int BLOCK = 256 * 1024;

    /** Where the bytes come from: fills the buffer (up to its limit) and returns the count, or -1 at the end. */
    interface ChunkSource {
        int read(ByteBuffer into) throws IOException;
    }

    /** Opens the source afresh for each subscription (a body sent again, after a 401, reads from its start). */
    interface SourceFactory {
        ChunkSource open() throws IOException;
    }

    private final SourceFactory sources;
    private final long length;
    private final ProgressListener progress;
    private final long progressBase;
    private final long progressTotal;

    /**
     * @param length        the exact number of bytes (Content-Length), or -1 for chunked transfer
     * @param progressBase  bytes already on the server before this body (a resumed upload), added to the progress
     * @param progressTotal the whole upload's size for the progress listener (-1 when unknown)
     */
    ChunkPublisher(SourceFactory sources, long length, ProgressListener progress, long progressBase,
            long progressTotal) {
        this.sources = sources;
        this.length = length;
        this.progress = progress;
        this.progressBase = progressBase;
        this.progressTotal = progressTotal;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        ChunkSource source;
        try {
            source = sources.open();
        } catch (IOException | RuntimeException e) {
            subscriber.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
            return;
        }
        Emitter emitter = new Emitter(subscriber, source);
        subscriber.onSubscribe(emitter);
    }

    /** Emits blocks while there is demand; a request() from inside onNext only adds demand (no recursion). */
    private final class Emitter implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final ChunkSource source;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final AtomicBoolean done = new AtomicBoolean();
        private long sent;

        Emitter(Flow.Subscriber<? super ByteBuffer> subscriber, ChunkSource source) {
            this.subscriber = subscriber;
            this.source = source;
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                finish(new IllegalArgumentException("non-positive request " + n));
                return;
            }
            demand.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                while (!done.get() && demand.get() > 0) {
                    emitOne();
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emitOne() {
            ByteBuffer block = ByteBuffer.allocate(length < 0 ? BLOCK : (int) Math.min(BLOCK, length - sent));
            int n;
            try {
                n = block.hasRemaining() ? fill(block) : -1;
            } catch (IOException | RuntimeException e) {
                finish(e);
                return;
            }
            if (n < 0) {
                if (length >= 0 && sent != length) {
                    finish(new IOException("the upload's source ended after " + sent + " of " + length
                            + " bytes"));
                } else {
                    finish(null);
                }
                return;
            }
            block.flip();
            sent += n;
            demand.decrementAndGet();
            progress.progress(progressBase + sent, progressTotal);
            subscriber.onNext(block);
            if (length >= 0 && sent == length) {
                finish(null);
            }
        }

        /** Reads until the block is full or the source ends; -1 when nothing at all was left. */
        private int fill(ByteBuffer block) throws IOException {
            int total = 0;
            while (block.hasRemaining()) {
                int n = source.read(block);
                if (n < 0) {
                    return total == 0 ? -1 : total;
                }
                total += n;
            }
            return total;
        }

        @Override
        public void cancel() {
            if (done.compareAndSet(false, true)) {
                close();
            }
        }

        private void finish(Throwable failure) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            close();
            if (failure == null) {
                subscriber.onComplete();
            } else {
                subscriber.onError(failure);
            }
        }

        private void close() {
            if (source instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception ignored) {
                    // reading is over either way
                }
            }
        }
    }
}

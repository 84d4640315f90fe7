package io.glance.store.swift;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static java.util.Objects.requireNonNull;

/**
 * A request body read from a stream in blocks of {@link #BLOCK} bytes. The JDK's {@code BodyPublishers.ofInputStream}
 * reads 16 KiB at a time ({@code jdk.httpclient.bufsize}), so a GiB costs 65,536 reads of the host's stream, each
 * passed through the client's reactive machinery and written to the socket on its own; blocks of 256 KiB cut that
 * 16-fold. 256 KiB stays under half of G1's smallest region, so the blocks are ordinary young allocations.
 *
 * <p>Reads happen on the thread that asks for more (the client's), one block per unit of demand; a failing read ends
 * the body with that error, which aborts the exchange. Never closes the stream (the host owns it).
 */
final class BlockBodyPublisher implements HttpRequest.BodyPublisher {

    static final int BLOCK = 256 * 1024;

    private final InputStream body;
    private final long length;

    /** {@code length}: the exact number of bytes the stream delivers, or -1 for a chunked body. */
    BlockBodyPublisher(InputStream body, long length) {
        this.body = requireNonNull(body, "body is null");
        this.length = length;
    }

    @Override
    public long contentLength() {
        return length;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
        requireNonNull(subscriber, "subscriber is null");
        subscriber.onSubscribe(new Reading(subscriber));
    }

    /** Serves demand by reading; a work counter keeps one reader at a time and turns re-entrant requests into loops. */
    private final class Reading implements Flow.Subscription {
        private final Flow.Subscriber<? super ByteBuffer> subscriber;
        private final AtomicLong demand = new AtomicLong();
        private final AtomicInteger work = new AtomicInteger();
        private volatile boolean finished;

        Reading(Flow.Subscriber<? super ByteBuffer> subscriber) {
            this.subscriber = subscriber;
        }

        @Override
        public void request(long n) {
            if (finished) {
                return;
            }
            if (n <= 0) {
                finished = true;
                subscriber.onError(new IllegalArgumentException("demand must be positive, was " + n));
                return;
            }
            demand.getAndAccumulate(n, (current, more) -> current + more < 0 ? Long.MAX_VALUE : current + more);
            drain();
        }

        @Override
        public void cancel() {
            finished = true;
        }

        private void drain() {
            if (work.getAndIncrement() != 0) {
                return;
            }
            do {
                while (!finished && demand.get() > 0) {
                    byte[] block = new byte[BLOCK];
                    int filled;
                    try {
                        filled = fill(block);
                    } catch (IOException | RuntimeException e) {
                        finished = true;
                        subscriber.onError(e);
                        return;
                    }
                    if (filled > 0) {
                        demand.decrementAndGet();
                        subscriber.onNext(ByteBuffer.wrap(block, 0, filled));
                    }
                    if (filled < BLOCK && !finished) {
                        finished = true;
                        subscriber.onComplete();
                    }
                }
            } while (work.decrementAndGet() != 0);
        }

        /** Reads until the block is full or the stream ends; fewer bytes than a block only at the end. */
        private int fill(byte[] block) throws IOException {
            int filled = 0;
            while (filled < block.length) {
                int n = body.read(block, filled, block.length - filled);
                if (n < 0) {
                    break;
                }
                filled += n;
            }
            return filled;
        }
    }
}

package io.glance.application;

import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static io.glance.application.UploadStream.BUFFERS;
import static io.glance.application.UploadStream.BUFFER_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class UploadStreamTest {

    /** Runs each task on a new platform thread and knows how many are still running. */
    private static final class TrackingExecutor implements Executor {
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final CountDownLatch gate;

        TrackingExecutor() {
            this(new CountDownLatch(0));
        }

        TrackingExecutor(CountDownLatch gate) {
            this.gate = gate;
        }

        @Override
        public void execute(Runnable task) {
            started.incrementAndGet();
            running.incrementAndGet();
            Thread.ofPlatform().daemon().start(() -> {
                try {
                    gate.await();
                    task.run();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    running.decrementAndGet();
                }
            });
        }

        boolean idleWithin(long millis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (running.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            return running.get() == 0;
        }
    }

    /** Reads like a store driver whose buffer size changes from call to call. */
    private static void drain(InputStream stream, Random random) throws IOException {
        byte[] buffer = new byte[3 * BUFFER_SIZE];
        while (true) {
            int length = switch (random.nextInt(4)) {
                case 0 -> 1;
                case 1 -> 1 + random.nextInt(8192);
                case 2 -> BUFFER_SIZE;
                default -> 1 + random.nextInt(buffer.length);
            };
            int offset = random.nextInt(buffer.length - length + 1);
            if (stream.read(buffer, offset, length) < 0) {
                return;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER_SIZE - 1, BUFFER_SIZE, BUFFER_SIZE + 1, 64 * 1024 + 1,
            (BUFFERS + 3) * BUFFER_SIZE + 7, 10 * 1024 * 1024})
    void digestsEqualTheJdksWhateverTheReadSizes(int size) throws Exception {
        byte[] data = TestData.bytes(size);
        TrackingExecutor executor = new TrackingExecutor();
        UploadStream stream = new UploadStream(new ByteArrayInputStream(data), Long.MAX_VALUE, executor);

        drain(stream, new Random(size));
        UploadDigests digests = stream.finish();

        assertThat(digests).isEqualTo(new UploadDigests(size, TestData.hex("MD5", data),
                TestData.hex("SHA-512", data)));
        assertThat(executor.started).hasValue(2);
        assertThat(executor.idleWithin(1000)).isTrue();
    }

    @Test
    void singleByteReadsWork() throws Exception {
        byte[] data = TestData.bytes(1000);
        UploadStream stream = new UploadStream(new ByteArrayInputStream(data), 1000, new TrackingExecutor());

        for (int i = 0; i < data.length; i++) {
            assertThat(stream.read()).isEqualTo(data[i] & 0xff);
        }
        assertThat(stream.read()).isEqualTo(-1);
        assertThat(stream.finish().sha512()).isEqualTo(TestData.hex("SHA-512", data));
    }

    @Test
    void theCapAdmitsExactlyItsSize() throws Exception {
        UploadStream exact = new UploadStream(new ByteArrayInputStream(new byte[5000]), 5000, new TrackingExecutor());
        exact.readAllBytes();
        assertThat(exact.finish().size()).isEqualTo(5000);

        TrackingExecutor executor = new TrackingExecutor();
        UploadStream over = new UploadStream(new ByteArrayInputStream(new byte[5001]), 5000, executor);
        assertThatThrownBy(over::readAllBytes)
                .isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("image_size_cap of 5000 bytes");
        assertThat(over.count()).isGreaterThan(5000);
        assertThat(over.sourceFailure()).isNull();
        over.abort();
        assertThat(executor.idleWithin(1000)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER_SIZE, 3 * BUFFER_SIZE + 7})
    void dataOfTheDeclaredSizePassesWhateverTheReadSizes(int size) throws Exception {
        byte[] data = TestData.bytes(size);
        UploadStream stream = new UploadStream(new ByteArrayInputStream(data), Long.MAX_VALUE, size,
                new TrackingExecutor());
        drain(stream, new Random(size));
        assertThat(stream.read()).as("the end stays the end").isEqualTo(-1);
        assertThat(stream.finish()).isEqualTo(new UploadDigests(size, TestData.hex("MD5", data),
                TestData.hex("SHA-512", data)));
    }

    /**
     * The driver must never receive all the declared bytes of data that goes on: the read that would deliver the
     * last one first looks for the end, and throws at the first extra byte instead.
     */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5000, BUFFER_SIZE})
    void dataLongerThanDeclaredFailsBeforeTheLastDeclaredByteIsDelivered(int declared) throws Exception {
        UploadStream stream = new UploadStream(new ByteArrayInputStream(TestData.bytes(declared + 1)),
                Long.MAX_VALUE, declared, new TrackingExecutor());
        byte[] buffer = new byte[declared + 10];
        long delivered = 0;
        SizeMismatchException failure = null;
        try {
            for (int read = stream.read(buffer, 0, buffer.length); read >= 0;
                 read = stream.read(buffer, 0, buffer.length)) {
                delivered += read;
            }
        } catch (SizeMismatchException e) {
            failure = e;
        }
        assertThat(failure).as("the extra byte is refused").isNotNull();
        assertThat(failure.getMessage()).contains("longer than the " + declared + " bytes declared");
        assertThat(delivered).isLessThan(Math.max(declared, 1));
        assertThat(stream.sourceFailure()).as("the client did nothing wrong on the wire").isNull();
        stream.abort();
    }

    @Test
    void dataShorterThanDeclaredFailsAtItsEnd() throws Exception {
        UploadStream stream = new UploadStream(new ByteArrayInputStream(TestData.bytes(4999)), Long.MAX_VALUE,
                5000, new TrackingExecutor());
        assertThatThrownBy(stream::readAllBytes).isInstanceOf(SizeMismatchException.class)
                .hasMessage("The data of the image ended after 4999 bytes; 5000 were declared");
        assertThat(stream.sourceFailure()).isNull();
        stream.abort();
    }

    @Test
    void aFailingSourceIsRememberedAndAbortEndsTheWorker() throws Exception {
        TrackingExecutor executor = new TrackingExecutor();
        UploadStream stream = new UploadStream(TestData.failingAfter(3 * BUFFER_SIZE), Long.MAX_VALUE, executor);

        assertThatThrownBy(stream::readAllBytes).isInstanceOf(IOException.class);
        assertThat(stream.sourceFailure()).isInstanceOf(IOException.class).hasMessage("Connection reset by peer");
        stream.abort();
        stream.abort();

        assertThat(executor.idleWithin(1000)).isTrue();
        assertThatThrownBy(() -> stream.read(new byte[1], 0, 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theStreamDoesNotCloseTheClientsStream() throws Exception {
        AtomicInteger closes = new AtomicInteger();
        InputStream source = new ByteArrayInputStream(new byte[10]) {
            @Override
            public void close() {
                closes.incrementAndGet();
            }
        };
        UploadStream stream = new UploadStream(source, 10, new TrackingExecutor());

        stream.close();
        stream.abort();

        assertThat(closes).hasValue(0);
    }

    /**
     * With the sha512 worker held back, the reader may run ahead by the pooled buffers only: then it waits. This is
     * what bounds memory per upload however slow the digest is.
     */
    @Test
    void aSlowWorkerMakesTheReaderWaitInsteadOfBuffering() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        TrackingExecutor executor = new TrackingExecutor(gate);
        byte[] data = TestData.bytes(4 * BUFFERS * BUFFER_SIZE);
        AtomicLong delivered = new AtomicLong();
        InputStream source = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length) {
                int count = super.read(buffer, offset, length);
                delivered.addAndGet(Math.max(count, 0));
                return count;
            }
        };
        UploadStream stream = new UploadStream(source, Long.MAX_VALUE, executor);
        AtomicReferenceThrowable failure = new AtomicReferenceThrowable();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                byte[] buffer = new byte[BUFFER_SIZE];
                while (stream.read(buffer, 0, buffer.length) >= 0) {
                    // drain
                }
            } catch (Throwable e) {
                failure.set(e);
            }
        });

        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (reader.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < waitUntil) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        assertThat(reader.isAlive()).isTrue();
        assertThat(delivered.get()).isLessThanOrEqualTo((long) (BUFFERS + 1) * BUFFER_SIZE);

        gate.countDown();
        reader.join(10_000);
        assertThat(failure.get()).isNull();
        assertThat(stream.finish().sha512()).isEqualTo(TestData.hex("SHA-512", data));
        assertThat(delivered.get()).isEqualTo(data.length);
    }

    private static final class AtomicReferenceThrowable extends java.util.concurrent.atomic.AtomicReference<Throwable> {
    }

    @Test
    void anUndigestedStreamForStagingCountsCapsAndInspectsButStartsNoDigestWorker() throws IOException {
        byte[] data = new byte[300_000];
        new Random(9).nextBytes(data);
        UploadStream stream = UploadStream.undigested(new ByteArrayInputStream(data), 1 << 20, data.length,
                UploadStream.overImageSizeCap(1 << 20), io.glance.application.inspection.FormatInspectionSettings
                        .defaults().checkFor("raw", "bare"));
        assertThat(stream.readAllBytes()).isEqualTo(data);
        assertThatThrownBy(stream::finish).isInstanceOf(IllegalStateException.class);
        assertThat(stream.finishUndigested()).isEqualTo(data.length);

        UploadStream capped = UploadStream.undigested(new ByteArrayInputStream(data), 1000, -1,
                UploadStream.overImageSizeCap(1000), null);
        assertThatThrownBy(capped::readAllBytes).isInstanceOf(LimitExceededException.class)
                .hasMessageContaining("image_size_cap of 1000 bytes");
        capped.abort();
    }
}

package io.glance.application;

import io.glance.domain.ConflictException;
import io.glance.domain.Image;
import io.glance.domain.ImageId;
import io.glance.domain.ImageStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.glance.application.Services.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentUploadTest {
    private static final int UPLOADS = 8;

    private final Services fixture = new Services();

    @AfterEach
    void close() {
        fixture.close();
    }

    /**
     * Eight uploads start together. Whoever gets to read its data first holds on to it until every other upload has
     * finished, so all of them overlap the winner's {@code saving} phase: exactly one may win, the rest get 409.
     */
    @RepeatedTest(5)
    void ofConcurrentUploadsToOneImageExactlyOneWins() throws Exception {
        ImageId id = fixture.queuedImage(ALICE).id();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(UPLOADS - 1);
        AtomicInteger conflicts = new AtomicInteger();
        List<HoldingStream> streams = new ArrayList<>();
        List<byte[]> payloads = new ArrayList<>();
        List<Future<Image>> results = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(UPLOADS)) {
            for (int i = 0; i < UPLOADS; i++) {
                byte[] payload = TestData.bytes(100_000 + i);
                payloads.add(payload);
                HoldingStream stream = new HoldingStream(payload, othersDone);
                streams.add(stream);
                results.add(clients.submit(() -> {
                    start.await();
                    try {
                        return fixture.services.data().upload(ALICE, id, stream, -1, null);
                    } catch (ConflictException e) {
                        conflicts.incrementAndGet();
                        othersDone.countDown();
                        throw e;
                    }
                }));
            }
            start.countDown();
        }

        List<Image> winners = new ArrayList<>();
        for (Future<Image> result : results) {
            if (result.state() == Future.State.SUCCESS) {
                winners.add(result.resultNow());
            } else {
                assertThat(result.exceptionNow()).isInstanceOf(ConflictException.class);
            }
        }
        assertThat(winners).hasSize(1);
        assertThat(conflicts).hasValue(UPLOADS - 1);
        // The losers lost at the status change, before any of their data was read (not later, in the store).
        assertThat(streams).filteredOn(HoldingStream::wasRead).singleElement()
                .satisfies(stream -> assertThat(stream.othersWereDone).isTrue());
        Image winner = winners.get(0);
        assertThat(winner.status()).isEqualTo(ImageStatus.ACTIVE);
        byte[] winningPayload = payloads.stream().filter(p -> p.length == winner.size()).findFirst().orElseThrow();
        assertThat(fixture.store.bytesOf(id.value())).hasValueSatisfying(
                stored -> assertThat(stored).isEqualTo(winningPayload));
        assertThat(winner.checksums().md5()).isEqualTo(TestData.hex("MD5", winningPayload));
        assertThat(fixture.stored(id)).isEqualTo(winner);
    }

    /** Blocks its first read until the other uploads are done (or ten seconds passed, when the test is failing). */
    private static final class HoldingStream extends InputStream {
        private final InputStream data;
        private final CountDownLatch othersDone;
        private volatile boolean waited;
        private volatile boolean othersWereDone;

        HoldingStream(byte[] payload, CountDownLatch othersDone) {
            this.data = new ByteArrayInputStream(payload);
            this.othersDone = othersDone;
        }

        boolean wasRead() {
            return waited;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (!waited) {
                waited = true;
                try {
                    othersWereDone = othersDone.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted", e);
                }
            }
            return data.read(buffer, offset, length);
        }
    }
}

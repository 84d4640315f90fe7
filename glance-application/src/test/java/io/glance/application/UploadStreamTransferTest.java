package io.glance.application;

import io.glance.domain.LimitExceededException;
import io.glance.store.spi.SizeMismatchException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static io.glance.application.UploadStream.BUFFERS;
import static io.glance.application.UploadStream.BUFFER_SIZE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link UploadStream#transferTo}: the store gets the digest workers' own buffers, with every check that
 * {@link UploadStream#read} makes.
 */
class UploadStreamTransferTest {

    /** Delivers the data in reads of random sizes, as a socket does. */
    private static InputStream trickling(byte[] data, long seed) {
        Random random = new Random(seed);
        return new FilterInputStream(new java.io.ByteArrayInputStream(data)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                return super.read(buffer, offset, Math.min(length, 1 + random.nextInt(300 * 1024)));
            }
        };
    }

    /** Keeps what it is given and the largest single write. */
    private static final class Recording extends OutputStream {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int largestWrite;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] buffer, int offset, int length) {
            largestWrite = Math.max(largestWrite, length);
            bytes.write(buffer, offset, length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, BUFFER_SIZE - 1, BUFFER_SIZE, BUFFER_SIZE + 1, (BUFFERS + 3) * BUFFER_SIZE + 7})
    void everyByteReachesTheTargetOnceAndTheDigestsAreTheJdks(int size) throws Exception {
        byte[] data = TestData.bytes(size);
        Recording target = new Recording();
        try (ExecutorService executor = Executors.newCachedThreadPool()) {
            UploadStream stream = new UploadStream(trickling(data, size), Long.MAX_VALUE, size, executor);

            assertThat(stream.transferTo(target)).isEqualTo(size);

            assertThat(stream.finish()).isEqualTo(new UploadDigests(size, TestData.hex("MD5", data),
                    TestData.hex("SHA-512", data)));
        }
        assertThat(target.bytes.toByteArray()).isEqualTo(data);
        assertThat(target.largestWrite).isLessThanOrEqualTo(BUFFER_SIZE);
    }

    @Test
    void bytesReadBeforeTheTransferAreHashedOnce() throws Exception {
        byte[] data = TestData.bytes(3 * BUFFER_SIZE + 11);
        Recording target = new Recording();
        try (ExecutorService executor = Executors.newCachedThreadPool()) {
            UploadStream stream = new UploadStream(trickling(data, 7), Long.MAX_VALUE, executor);
            byte[] head = stream.readNBytes(1000);
            stream.transferTo(target);

            assertThat(stream.finish().sha512()).isEqualTo(TestData.hex("SHA-512", data));
            assertThat(head.length + target.bytes.size()).isEqualTo(data.length);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5000, BUFFER_SIZE, 2 * BUFFER_SIZE})
    void dataLongerThanDeclaredFailsBeforeTheLastDeclaredByteReachesTheTarget(int declared) throws Exception {
        Recording target = new Recording();
        try (ExecutorService executor = Executors.newCachedThreadPool()) {
            UploadStream stream = new UploadStream(trickling(TestData.bytes(declared + 1), declared),
                    Long.MAX_VALUE, declared, executor);

            assertThatThrownBy(() -> stream.transferTo(target)).isInstanceOf(SizeMismatchException.class)
                    .hasMessageContaining("longer than the " + declared + " bytes declared");
            assertThat(stream.sourceFailure()).isNull();
            stream.abort();
        }
        assertThat(target.bytes.size()).isLessThan(Math.max(declared, 1));
    }

    @Test
    void nothingPastTheCapReachesTheTarget() throws Exception {
        int cap = BUFFER_SIZE + 5000;
        Recording target = new Recording();
        try (ExecutorService executor = Executors.newCachedThreadPool()) {
            UploadStream stream = new UploadStream(trickling(TestData.bytes(cap + 1), 3), cap, executor);

            assertThatThrownBy(() -> stream.transferTo(target)).isInstanceOf(LimitExceededException.class);
            stream.abort();
        }
        assertThat(target.bytes.size()).isLessThanOrEqualTo(cap);
    }

    @Test
    void theTargetsFailureComesOutUnchangedAndIsNotTheClients() throws Exception {
        IOException diskFull = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw diskFull;
            }

            @Override
            public void write(byte[] buffer, int offset, int length) throws IOException {
                throw diskFull;
            }
        };
        try (ExecutorService executor = Executors.newCachedThreadPool()) {
            UploadStream stream = new UploadStream(trickling(TestData.bytes(3 * BUFFER_SIZE), 5), Long.MAX_VALUE,
                    executor);

            assertThatThrownBy(() -> stream.transferTo(failing)).isSameAs(diskFull);
            assertThat(stream.sourceFailure()).isNull();
            stream.abort();
        }
    }

    @Test
    void aFailingClientIsRemembered() throws Exception {
        Recording target = new Recording();
        try (ExecutorService executor = Executors.newCachedThreadPool()) {
            UploadStream stream = new UploadStream(TestData.failingAfter(3 * BUFFER_SIZE), Long.MAX_VALUE, executor);

            assertThatThrownBy(() -> stream.transferTo(target)).isInstanceOf(IOException.class);
            assertThat(stream.sourceFailure()).isNotNull();
            stream.abort();
        }
        assertThat(target.bytes.size()).isLessThanOrEqualTo(3 * BUFFER_SIZE);
    }
}

package io.glance.store.swift;

import io.glance.store.spi.DuplicateObjectException;
import io.glance.store.spi.ObjectData;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.tck.PatternInputStream;
import io.glance.store.tck.TestingStoreContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the driver does when Swift misbehaves, against a scripted loopback {@link FakeSwift}: uploads end with a typed
 * exception and leave no object or segment behind; downloads fail loudly and are never silently short. Segments are
 * 1 MiB and the timeout one second, so every case runs in about a second.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SwiftStoreFaultsTest {

    private static final long MIB = 1024 * 1024;
    private static final String IMAGE = "8f2c55a4-5b1e-4a62-9d8e-1c3a7f0e6b21";

    private final CountDownLatch release = new CountDownLatch(1);
    private FakeSwift swift;
    private StoreDriver driver;

    @BeforeEach
    void start(@TempDir Path tmp) throws IOException {
        swift = new FakeSwift();
        driver = new SwiftStoreDriverFactory().create("obj", Map.of(
                        "swift_store_auth_address", swift.authAddress(),
                        "swift_store_user", "test:tester",
                        "swift_store_key", "testing",
                        "swift_store_container", "glance",
                        "swift_store_large_object_size", "1",
                        "swift_store_large_object_chunk_size", "1",
                        "swift_store_timeout", "1"),
                new TestingStoreContext(tmp));
    }

    @AfterEach
    void stop() {
        release.countDown();
        driver.close();
        swift.close();
    }

    @Test
    void serverErrorOnASegmentFailsTheUploadAndRemovesTheSegmentsWritten() {
        swift.script(exchange -> {
            if (exchange.getRequestMethod().equals("PUT") && exchange.getRequestURI().getPath().endsWith("/00002")) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(503, -1);
                return true;
            }
            return false;
        });

        assertThatThrownBy(() -> driver.put(IMAGE, new PatternInputStream(3 * MIB, 1), 3 * MIB))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("HTTP 503")
                .hasMessageContaining("glance_segments/" + IMAGE);

        assertThat(swift.objects()).as("objects left after the failed upload").isEmpty();
        assertThat(swift.requests()).anyMatch(r -> r.startsWith("DELETE") && r.endsWith("/00001"));
    }

    /**
     * Segment 2's PUT starts once segment 1's body was sent, not after Swift answered segment 1: here Swift answers
     * segment 1 only when segment 2 has arrived (a sequential driver would wait for that answer and time out).
     */
    @Test
    void nextSegmentStartsWhileSwiftStillCommitsThePreviousOne() throws InterruptedException {
        CountDownLatch secondArrived = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        swift.script(exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (!exchange.getRequestMethod().equals("PUT")) {
                return false;
            }
            if (path.endsWith("/00002")) {
                secondArrived.countDown();
            }
            if (!path.endsWith("/00001")) {
                return false;
            }
            exchange.getRequestBody().readAllBytes();
            try {
                overlapped.set(secondArrived.await(5, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.getResponseHeaders().add("Etag", "etag-of-segment-1");
            exchange.sendResponseHeaders(201, -1);
            return true;
        });

        long size = 2 * MIB + 5;
        assertThat(driver.put(IMAGE, new PatternInputStream(size, 7), size).size()).isEqualTo(size);
        assertThat(overlapped).as("segment 2 arrived before segment 1 was answered").isTrue();
    }

    @Test
    void connectionClosedMidUploadFailsAndLeavesNothing() {
        swift.script(exchange -> {
            if (exchange.getRequestMethod().equals("PUT")) {
                exchange.getRequestBody().readNBytes(10_000);
                throw new IOException("fake Swift drops the connection");
            }
            return false;
        });

        assertThatThrownBy(() -> driver.put(IMAGE, new PatternInputStream(500_000, 2), 500_000))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("glance/" + IMAGE);

        assertThat(swift.objects()).isEmpty();
    }

    @Test
    void uploadWithoutProgressIsAbortedAfterTheTimeout() {
        swift.script(exchange -> {
            if (exchange.getRequestMethod().equals("PUT")) {
                awaitRelease(); // neither reads the body nor answers
                return true;
            }
            return false;
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> driver.put(IMAGE, new PatternInputStream(100_000, 3), 100_000))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("made no progress for 1 s");

        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
        assertThat(swift.objects()).isEmpty();
    }

    @Test
    void manifestRefusedAsExistingIsADuplicateAndRemovesTheSegments() {
        swift.script(exchange -> {
            if ("multipart-manifest=put".equals(exchange.getRequestURI().getQuery())) {
                exchange.getRequestBody().readAllBytes();
                exchange.sendResponseHeaders(412, -1);
                return true;
            }
            return false;
        });

        assertThatThrownBy(() -> driver.put(IMAGE, new PatternInputStream(2 * MIB + 5, 4), -1))
                .isInstanceOf(DuplicateObjectException.class)
                .hasMessageContaining(IMAGE);

        assertThat(swift.objects()).as("segments left after the refused manifest").isEmpty();
    }

    @Test
    void serverErrorOnDownloadIsUnavailable() {
        URI location = seed(1000);
        swift.script(exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                exchange.sendResponseHeaders(500, -1);
                return true;
            }
            return false;
        });

        assertThatThrownBy(() -> driver.get(location, null))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("glance/" + IMAGE);
    }

    @Test
    void truncatedDownloadFailsInsteadOfEndingShort() {
        URI location = seed(100_000);
        swift.script(exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                FakeSwift.objectHeaders(exchange);
                exchange.sendResponseHeaders(200, 100_000);
                OutputStream body = exchange.getResponseBody();
                body.write(new byte[40_000]);
                body.flush();
                throw new IOException("fake Swift cuts the body short");
            }
            return false;
        });

        ObjectData data = driver.get(location, null);

        assertThat(data.length()).isEqualTo(100_000);
        assertThatThrownBy(() -> readAll(data.stream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("glance/" + IMAGE)
                .hasMessageContaining("of 100000 bytes");
    }

    @Test
    void stalledDownloadFailsAfterTheTimeout() {
        URI location = seed(100_000);
        swift.script(exchange -> {
            if (exchange.getRequestMethod().equals("GET")) {
                FakeSwift.objectHeaders(exchange);
                exchange.sendResponseHeaders(200, 100_000);
                OutputStream body = exchange.getResponseBody();
                body.write(new byte[1000]);
                body.flush();
                awaitRelease();
                return true;
            }
            return false;
        });
        long started = System.nanoTime();

        ObjectData data = driver.get(location, null);

        assertThatThrownBy(() -> readAll(data.stream()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("failed after 1000 of 100000 bytes");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(10);
    }

    private URI seed(int size) {
        return driver.put(IMAGE, new PatternInputStream(size, 9), size).location();
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void readAll(InputStream stream) throws IOException {
        try (stream) {
            stream.transferTo(OutputStream.nullOutputStream());
        }
    }
}

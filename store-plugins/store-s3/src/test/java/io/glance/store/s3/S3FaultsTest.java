package io.glance.store.s3;

import io.glance.store.spi.ObjectData;
import io.glance.store.spi.ObjectNotFoundException;
import io.glance.store.spi.SizeMismatchException;
import io.glance.store.spi.StoreDriver;
import io.glance.store.spi.StoreUnavailableException;
import io.glance.store.spi.WriteDeniedException;
import io.glance.store.tck.FailingInputStream;
import io.glance.store.tck.PatternInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Service failures a real server does not produce on demand, from a scripted loopback fake. */
@Timeout(30)
class S3FaultsTest {
    private static final long MIB = 1024 * 1024;
    private FakeS3Server fake;
    private StoreDriver driver;

    @BeforeEach
    void start() throws IOException {
        fake = new FakeS3Server();
        driver = driver(fake.options(2, 1), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        driver.close();
        fake.close();
    }

    private static StoreDriver driver(java.util.Map<String, String> options, Duration timeout) {
        S3StoreConfig config = S3StoreConfig.parse("obj", options);
        return new S3StoreDriver("obj", config, S3Clients.create(config, timeout, timeout));
    }

    /**
     * The body's hash in x-amz-content-sha256: left out (UNSIGNED-PAYLOAD) for the loopback fake in auto mode, and
     * signed when s3_store_payload_signing is true (s3proxy checks both signatures in S3MultipartAgainstServerTest).
     */
    @Test
    void payloadIsUnsignedOnLoopbackAndSignedWhenAskedFor() {
        List<String> hashes = new java.util.concurrent.CopyOnWriteArrayList<>();
        fake.script(exchange -> {
            if (exchange.getRequestMethod().equals("PUT")) {
                hashes.add(exchange.getRequestHeaders().getFirst("x-amz-content-sha256"));
            }
            return false;
        });
        var signing = new java.util.HashMap<>(fake.options(2, 1));
        signing.put(S3StoreConfig.PAYLOAD_SIGNING, "true");

        driver.put("img-20", new PatternInputStream(3 * MIB, 20), 3 * MIB);
        try (StoreDriver signed = driver(signing, Duration.ofSeconds(2))) {
            signed.put("img-21", new PatternInputStream(3 * MIB, 21), 3 * MIB);
        }

        assertThat(hashes).hasSize(6);
        assertThat(hashes.subList(0, 3)).containsOnly("UNSIGNED-PAYLOAD");
        assertThat(hashes.subList(3, 6)).allSatisfy(hash -> assertThat(hash).isNotEqualTo("UNSIGNED-PAYLOAD")
                .matches("STREAMING-AWS4-HMAC-SHA256-PAYLOAD|[0-9a-f]{64}"));
    }

    @Test
    void serverErrorOnSinglePutIsUnavailable() {
        fake.script(exchange -> {
            if (!exchange.getRequestMethod().equals("PUT")) {
                return false;
            }
            FakeS3Server.respond(exchange, 503, FakeS3Server.error("SlowDown"));
            return true;
        });

        assertThatThrownBy(() -> driver.put("img-1", new PatternInputStream(1000, 1), 1000))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("s3://images/img-1")
                .hasMessageContaining("503")
                .hasMessageNotContaining("fake-secret");
    }

    @Test
    void forbiddenPutIsWriteDenied() {
        fake.script(exchange -> {
            if (!exchange.getRequestMethod().equals("PUT")) {
                return false;
            }
            FakeS3Server.respond(exchange, 403, FakeS3Server.error("AccessDenied"));
            return true;
        });

        assertThatThrownBy(() -> driver.put("img-2", new PatternInputStream(1000, 1), 1000))
                .isInstanceOf(WriteDeniedException.class).hasMessageContaining("403");
    }

    /** Part 2 of a 3 MiB streamed upload fails: the multipart upload is aborted, so no parts stay behind. */
    @Test
    void failedPartAbortsTheMultipartUpload() {
        fake.script(exchange -> {
            if (exchange.getRequestMethod().equals("PUT")
                    && String.valueOf(exchange.getRequestURI().getQuery()).contains("partNumber=2")) {
                FakeS3Server.respond(exchange, 500, FakeS3Server.error("InternalError"));
                return true;
            }
            return false;
        });

        assertThatThrownBy(() -> driver.put("img-3", new PatternInputStream(3 * MIB, 3), -1))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("part 2")
                .hasMessageContaining("500");

        assertThat(fake.requests()).contains("DELETE /images/img-3?uploadId=upload-1")
                .noneMatch(request -> request.startsWith("POST /images/img-3?uploadId"));
    }

    /** A known size above the threshold goes multipart too, and a client failure mid-way aborts it. */
    @Test
    void clientFailureMidMultipartAbortsAndReportsTheClientFailure() {
        IOException clientFailure = new IOException("client went away");
        InputStream failing = new InputStream() {
            private final InputStream pattern = new PatternInputStream(5 * MIB, 4);
            private long delivered;

            @Override
            public int read() throws IOException {
                if (delivered++ >= 2 * MIB + 10) {
                    throw clientFailure;
                }
                return pattern.read();
            }
        };

        assertThatThrownBy(() -> driver.put("img-4", failing, 5 * MIB))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasCause(clientFailure);

        assertThat(fake.requests()).contains("POST /images/img-4?uploads", "DELETE /images/img-4?uploadId=upload-1");
    }

    /**
     * Above one part and below the threshold the PUT streams: the host's failures mid-body (since SPI 1.2 its
     * declared-size check among them: early end, or an extra byte before the last announced one) end typed and
     * unchanged, not as the SDK's wrapping of them.
     */
    @Test
    void streamedSinglePutReportsHostSizeMismatchAndOtherFailuresUnchanged() {
        try (StoreDriver streaming = driver(fake.options(20, 1), Duration.ofSeconds(2))) {
            SizeMismatchException early = new SizeMismatchException("image img-9: ended before 3 MiB");
            assertThatThrownBy(() -> streaming.put("img-9",
                    FailingInputStream.runtimeFailureAfter(2 * MIB, 9, early), 3 * MIB)).isSameAs(early);
            SizeMismatchException extra = new SizeMismatchException("image img-10: more than 3 MiB");
            assertThatThrownBy(() -> streaming.put("img-10",
                    FailingInputStream.runtimeFailureAfter(3 * MIB - 1, 9, extra), 3 * MIB)).isSameAs(extra);

            IllegalStateException hostFailure = new IllegalStateException("image_size_cap exceeded");
            InputStream capped = new InputStream() {
                private long delivered;

                @Override
                public int read() {
                    if (delivered++ > 2 * MIB) {
                        throw hostFailure;
                    }
                    return 7;
                }
            };
            assertThatThrownBy(() -> streaming.put("img-11", capped, 3 * MIB)).isSameAs(hostFailure);
        }
    }

    @Test
    void truncatedDownloadFailsInsteadOfReturningShortData() throws IOException {
        fake.script(exchange -> {
            if (!exchange.getRequestMethod().equals("GET")) {
                return false;
            }
            exchange.sendResponseHeaders(200, 1000);
            OutputStream out = exchange.getResponseBody();
            out.write(new byte[400]);
            out.flush();
            exchange.close(); // closes the connection: 600 bytes never come
            return true;
        });

        ObjectData data = driver.get(URI.create("s3://images/img-5"), null);

        try (InputStream stream = data.stream()) {
            assertThat(data.length()).isEqualTo(1000);
            assertThatThrownBy(stream::readAllBytes).isInstanceOf(IOException.class);
        }
    }

    @Test
    void stalledServerTimesOut() {
        fake.script(exchange -> {
            sleep(Duration.ofSeconds(6));
            return false;
        });
        long started = System.nanoTime();

        assertThatThrownBy(() -> driver.size(URI.create("s3://images/img-6")))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("s3://images/img-6");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void missingObjectIsNotFound() {
        assertThatThrownBy(() -> driver.get(URI.create("s3://images/img-7"), null))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("img-7");
        assertThatThrownBy(() -> driver.delete(URI.create("s3://images/img-7")))
                .isInstanceOf(ObjectNotFoundException.class).hasMessageContaining("img-7");
    }

    /** The server accepts the connection and resets it at once. */
    @Test
    void connectionResetIsUnavailable() throws Exception {
        try (ServerSocket resetting = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                while (!resetting.isClosed()) {
                    try (Socket socket = resetting.accept()) {
                        socket.setSoLinger(true, 0);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            var options = new java.util.HashMap<>(fake.options(2, 1));
            options.put(S3StoreConfig.HOST, "http://127.0.0.1:" + resetting.getLocalPort());
            try (StoreDriver resetDriver = driver(options, Duration.ofSeconds(2))) {
                assertThatThrownBy(() -> resetDriver.put("img-8", new PatternInputStream(100, 8), 100))
                        .isInstanceOf(StoreUnavailableException.class)
                        .hasMessageContaining("img-8");
            }
            resetting.close();
            acceptor.join(2000);
        }
    }

    @Test
    void nothingInDescribeOrConfigShowsTheCredentials() {
        assertThat(driver.describe().toString()).doesNotContain("fake-secret").doesNotContain("fake-access");
        assertThat(S3StoreConfig.parse("obj", fake.options(2, 1)).toString())
                .doesNotContain("fake-secret").doesNotContain("fake-access");
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.glance.client;

import io.glance.client.testing.RequestHeads;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A v2 download asks for the image's record (which names the digest to check) and its data at the same time: neither
 * the data request nor the hashing (sha512, guessed) waits for the record's answer; a record naming another digest
 * costs a second pass, and the record's failure is still the one the caller sees.
 */
class DownloadRecordTest {
    /** How long the server holds the record back for the data request; only the old, serial order would wait it out. */
    private static final long HOLD_SECONDS = 10;

    @Test
    void theDataRequestGoesOutBeforeTheRecordIsAnsweredAndTheDigestIsStillTheRecords() throws Exception {
        byte[] data = new byte[2 * 1024 * 1024 + 7];
        new Random(11).nextBytes(data);
        String sha512 = GlanceClientTest.hex("SHA-512", data);
        CountDownLatch dataAsked = new CountDownLatch(1);
        AtomicBoolean dataBeforeRecord = new AtomicBoolean();
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            serve(server, 2, (head, out) -> {
                if (head.startsWith("GET /v2/images/1234/file ")) {
                    dataAsked.countDown();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + data.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(data);
                } else {
                    dataBeforeRecord.set(awaitQuietly(dataAsked));
                    answerJson(out, 200, "{\"id\": \"1234\", \"size\": " + data.length
                            + ", \"os_hash_algo\": \"sha512\", \"os_hash_value\": \"" + sha512 + "\"}");
                }
            });
            GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:" + server.getLocalPort()));
            ByteArrayOutputStream received = new ByteArrayOutputStream();

            DownloadResult result = client.download("1234", received, ProgressListener.NONE);

            assertThat(dataBeforeRecord).as("the data request arrived while the record was held back").isTrue();
            assertThat(result.algorithm()).isEqualTo("sha512");
            assertThat(result.digest()).isEqualTo(sha512);
            assertThat(received.toByteArray()).isEqualTo(data);
        }
    }

    @Test
    void aRecordNamingAnotherDigestThanTheGuessIsCheckedByASecondPassThatWritesNothing() throws Exception {
        // more than the socket buffers and the read-ahead hold: once it is all sent, the hashing has begun
        byte[] data = new byte[32 * 1024 * 1024];
        new Random(12).nextBytes(data);
        String md5 = GlanceClientTest.hex("MD5", data);
        CountDownLatch dataSent = new CountDownLatch(1);
        AtomicInteger dataRequests = new AtomicInteger();
        try (ServerSocket server = new ServerSocket(0, 3, InetAddress.getLoopbackAddress())) {
            serve(server, 3, (head, out) -> {
                if (head.startsWith("GET /v2/images/1234/file ")) {
                    dataRequests.incrementAndGet();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + data.length + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(data);
                    out.flush();
                    dataSent.countDown();
                } else {
                    awaitQuietly(dataSent);
                    // an image from before os_hash_value: only the md5 checksum
                    answerJson(out, 200, "{\"id\": \"1234\", \"size\": " + data.length + ", \"checksum\": \"" + md5
                            + "\"}");
                }
            });
            GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:" + server.getLocalPort()));
            ByteArrayOutputStream received = new ByteArrayOutputStream();

            DownloadResult result = client.download("1234", received, ProgressListener.NONE);

            assertThat(result.algorithm()).isEqualTo("md5");
            assertThat(result.digest()).isEqualTo(md5);
            assertThat(received.size()).as("the second pass writes nothing").isEqualTo(data.length);
            assertThat(received.toByteArray()).isEqualTo(data);
            assertThat(dataRequests).as("the bytes were hashed with sha512 first, md5 needed them again").hasValue(2);
        }
    }

    @Test
    void aMissingImageFailsWithTheRecordsAnswerNotTheDataRequests() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 2, InetAddress.getLoopbackAddress())) {
            serve(server, 2, (head, out) -> answerJson(out, 404, head.startsWith("GET /v2/images/1234/file ")
                    ? "{\"message\": \"no data here\"}" : "{\"message\": \"No image found with ID 1234\"}"));
            GlanceClient client = GlanceClient.create(URI.create("http://127.0.0.1:" + server.getLocalPort()));

            assertThatThrownBy(() -> client.download("1234", new ByteArrayOutputStream(), ProgressListener.NONE))
                    .isInstanceOf(NotFoundException.class).hasMessageContaining("No image found with ID 1234");
        }
    }

    private interface Handler {
        void answer(String head, OutputStream out) throws IOException;
    }

    /** Accepts {@code connections} requests, each answered on a thread of its own (so both can be open at once). */
    private static void serve(ServerSocket server, int connections, Handler handler) {
        Thread.ofPlatform().daemon().start(() -> {
            for (int i = 0; i < connections; i++) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException e) {
                    return; // the test is over
                }
                Thread.ofPlatform().daemon().start(() -> {
                    try (socket) {
                        handler.answer(RequestHeads.read(socket.getInputStream()), socket.getOutputStream());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        });
    }

    private static boolean awaitQuietly(CountDownLatch latch) {
        try {
            return latch.await(HOLD_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void answerJson(OutputStream out, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }
}

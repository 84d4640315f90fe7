package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resumable uploads across crashes and time: glance-api killed with SIGKILL between PATCHes and in the middle of
 * one, HEAD after the restart answers the offset on disk and the upload finishes with the right digests; expired
 * sessions answer 410 with their data gone, and a session that expired while glance-api was down is swept at start;
 * the storage quota holds across PATCHes.
 */
class ResumableUploadRestartEndToEndTest {
    /**
     * How long the expiry case waits for its sessions (6 s, {@code --resumable_upload_expiration 6}) to expire: the
     * database keeps expiries in whole seconds rounded up, so a session can live up to 7 s after its last PATCH.
     */
    private static final long EXPIRED = 7_500;

    @TempDir
    Path work;

    @Test
    void killedBetweenAndDuringPatchesTheUploadResumesFromTheOffsetOnDisk() throws Exception {
        Path dataDir = work.resolve("api");
        Path staging = dataDir.resolve("staging");
        byte[] data = new byte[3 * 1024 * 1024 + 123];
        new Random(11).nextBytes(data);
        String id;
        String location;
        GlanceProcess glance = GlanceProcess.start(dataDir);
        try {
            TusHttp http = new TusHttp(glance.uri("/"));
            id = http.createImage();
            location = http.open(id, data.length);
            assertThat(http.patch(location, 0, Arrays.copyOf(data, 1_000_000)).statusCode()).isEqualTo(204);
        } finally {
            glance.kill();
        }
        Path partial = staging.resolve(".upload-" + location.substring(location.lastIndexOf('/') + 1));
        assertThat(Files.size(partial)).isEqualTo(1_000_000);

        glance = GlanceProcess.start(dataDir);
        long cutAt;
        try {
            TusHttp http = new TusHttp(glance.uri("/"));
            HttpResponse<String> head = http.tus("HEAD", location, null);
            assertThat(head.statusCode()).isEqualTo(200);
            assertThat(head.headers().firstValue("Upload-Offset")).hasValue("1000000");

            // A PATCH that stalls after 600,000 more bytes, and glance-api killed while it is open.
            CountDownLatch sent = new CountDownLatch(1);
            CountDownLatch never = new CountDownLatch(1);
            InputStream stalling = new InputStream() {
                private int position = 1_000_000;

                @Override
                public int read() throws IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
                }

                @Override
                public int read(byte[] buffer, int off, int len) throws IOException {
                    if (position >= 1_600_000) {
                        sent.countDown();
                        try {
                            never.await(60, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            throw new IOException(e);
                        }
                        throw new IOException("stopped by the test");
                    }
                    int n = Math.min(len, 1_600_000 - position);
                    System.arraycopy(data, position, buffer, off, n);
                    position += n;
                    return n;
                }
            };
            HttpClient client = HttpClient.newHttpClient();
            CompletableFuture<HttpResponse<Void>> cut = client.sendAsync(HttpRequest.newBuilder(
                            glance.uri(location)).method("PATCH", HttpRequest.BodyPublishers.fromPublisher(
                                    HttpRequest.BodyPublishers.ofInputStream(() -> stalling), data.length - 1_000_000))
                    .header("Tus-Resumable", "1.0.0").header("Content-Type", TusHttp.OFFSET_STREAM)
                    .header("Upload-Offset", "1000000").build(), HttpResponse.BodyHandlers.discarding());
            assertThat(sent.await(60, TimeUnit.SECONDS)).isTrue();
            awaitSize(partial, 1_000_000 + 262_144);
            glance.kill();
            never.countDown();
            cut.handle((response, failure) -> null).get(60, TimeUnit.SECONDS);
        } finally {
            glance.kill();
        }
        cutAt = Files.size(partial);
        assertThat(cutAt).isBetween(1_000_000L + 262_144, 1_600_000L);
        assertThat(Arrays.equals(Files.readAllBytes(partial), Arrays.copyOf(data, (int) cutAt))).isTrue();

        glance = GlanceProcess.start(dataDir);
        try {
            TusHttp http = new TusHttp(glance.uri("/"));
            HttpResponse<String> head = http.tus("HEAD", location, null);
            assertThat(head.headers().firstValue("Upload-Offset")).hasValue(Long.toString(cutAt));
            HttpResponse<String> rest = http.patch(location, cutAt, Arrays.copyOfRange(data, (int) cutAt,
                    data.length));
            assertThat(rest.statusCode()).as(rest.body()).isEqualTo(204);
            assertThat(http.image(id).get("status").textValue()).isEqualTo("uploading");
            JsonNode active = http.importAndWait(id);
            assertThat(active.get("status").textValue()).isEqualTo("active");
            assertThat(active.get("size").longValue()).isEqualTo(data.length);
            assertThat(active.get("checksum").textValue()).isEqualTo(hex("MD5", data));
            assertThat(active.get("os_hash_value").textValue()).isEqualTo(hex("SHA-512", data));
            assertThat(active.get("virtual_size").longValue()).isEqualTo(data.length);
            assertThat(http.download(id)).isEqualTo(data);
        } finally {
            glance.close();
        }
    }

    @Test
    void expiredSessionsAnswer410AndLoseTheirDataAtOnceOrAtTheNextStart() throws Exception {
        Path dataDir = work.resolve("api");
        Path staging = dataDir.resolve("staging");
        String[] options = {"--resumable_upload_expiration", "6", "--user_storage_quota", "100000"};
        String swept;
        GlanceProcess glance = GlanceProcess.start(dataDir, options);
        try {
            TusHttp http = new TusHttp(glance.uri("/"));
            String id = http.createImage();
            String location = http.open(id, 50_000);
            assertThat(http.patch(location, 0, new byte[10]).statusCode()).isEqualTo(204);
            Thread.sleep(EXPIRED);
            HttpResponse<String> expired = http.tus("HEAD", location, null);
            assertThat(expired.statusCode()).isEqualTo(410);
            assertThat(expired.headers().firstValue("Tus-Resumable")).hasValue("1.0.0");
            assertThat(staging.resolve(".upload-" + session(location))).doesNotExist();
            assertThat(http.tus("HEAD", location, null).statusCode()).isEqualTo(404);

            // The quota holds across PATCHes: other images took the room the session was opened with.
            String quota = http.createImage();
            String first = http.createImage();
            String second = http.createImage();
            assertThat(http.send("PUT", "/v2/images/" + first + "/file", new byte[60_000], "Content-Type",
                    "application/octet-stream").statusCode()).isEqualTo(204);
            String quotaSession = http.open(quota, 30_000);
            assertThat(http.send("PUT", "/v2/images/" + second + "/file", new byte[20_000], "Content-Type",
                    "application/octet-stream").statusCode()).isEqualTo(204);
            HttpResponse<String> over = http.patch(quotaSession, 0, new byte[1_000]);
            assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
            assertThat(over.body()).contains("30000").contains("user_storage_quota");
            assertThat(http.tus("POST", "/v2/images/" + quota + "/uploads", null, "Upload-Length", "30000")
                    .statusCode()).isEqualTo(413);

            String image = http.createImage();
            swept = http.open(image, 10_000);
            assertThat(http.patch(swept, 0, new byte[100]).statusCode()).isEqualTo(204);
        } finally {
            glance.kill();
        }
        Path partial = staging.resolve(".upload-" + session(swept));
        assertThat(partial).exists();
        Thread.sleep(EXPIRED);
        glance = GlanceProcess.start(dataDir, options);
        try {
            assertThat(partial).doesNotExist();
            assertThat(new TusHttp(glance.uri("/")).tus("HEAD", swept, null).statusCode()).isEqualTo(404);
            assertThat(glance.log()).contains("Resumable uploads: removed");
        } finally {
            glance.close();
        }
    }

    private static String session(String location) {
        return location.substring(location.lastIndexOf('/') + 1);
    }

    private static void awaitSize(Path file, long atLeast) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (Files.size(file) < atLeast && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(Files.size(file)).isGreaterThanOrEqualTo(atLeast);
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

}

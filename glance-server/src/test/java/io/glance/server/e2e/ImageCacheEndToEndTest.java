package io.glance.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * glance-api's image cache in front of the S3 store on the real S3 server bin/test starts (s3proxy), reached
 * through a {@link CountingRelay} so that the test sees every byte glance-api exchanges with S3: the first download
 * fills the cache, the second (whole or ranged) is served from the local disk with not one byte sent to S3, a copy
 * corrupted on disk is never delivered whole and the next download comes from S3 again, and a deleted image leaves
 * the cache. Skipped without the server unless {@code CI=true}.
 */
class ImageCacheEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = 8 * 1024 * 1024 + 3;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void secondDownloadComesFromTheLocalCacheNotFromS3() throws Exception {
        String endpoint = requireServer();
        String bucket = "glance-cache-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Path cacheDir = work.resolve("image-cache");
        try (CountingRelay s3 = new CountingRelay(URI.create(endpoint));
             GlanceProcess glance = GlanceProcess.start(work.resolve("server"), "--default_store", "s3",
                     "--s3_store_host", s3.endpoint(), "--s3_store_bucket", bucket,
                     "--s3_store_access_key", System.getProperty("glance.test.s3.access_key", ""),
                     "--s3_store_secret_key", System.getProperty("glance.test.s3.secret_key", ""),
                     "--s3_store_create_bucket_on_put", "true", "--s3_store_bucket_url_format", "path",
                     "--image_cache_enabled", "true", "--image_cache_dir", cacheDir.toString())) {
            byte[] data = new byte[SIZE];
            new Random(21).nextBytes(data);
            String id = createAndUpload(glance, data);
            Path copy = cacheDir.resolve(id);
            assertThat(copy).doesNotExist();

            long before = s3.fromServer();
            assertThat(download(glance, id)).isEqualTo(data);
            assertThat(s3.fromServer() - before).as("the first download read S3").isGreaterThanOrEqualTo(SIZE);
            assertThat(copy).exists().hasSize(SIZE);

            long sent = s3.toServer();
            long received = s3.fromServer();
            assertThat(download(glance, id)).isEqualTo(data);
            HttpResponse<byte[]> ranged = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Range", "bytes=1000000-1999999").build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(ranged.statusCode()).isEqualTo(206);
            assertThat(ranged.body()).isEqualTo(Arrays.copyOfRange(data, 1_000_000, 2_000_000));
            assertThat(s3.toServer() - sent).as("bytes sent to S3 by the cached downloads").isZero();
            assertThat(s3.fromServer() - received).as("bytes read from S3 by the cached downloads").isZero();

            corruptKeepingTheModificationTime(copy);
            boolean cutShort;
            try {
                byte[] body = download(glance, id);
                cutShort = !Arrays.equals(body, data);
            } catch (IOException e) {
                cutShort = true;
            }
            assertThat(cutShort).as("the corrupt copy is not delivered whole").isTrue();
            assertThat(glance.log()).contains("does not match");
            received = s3.fromServer();
            assertThat(download(glance, id)).as("from S3 again").isEqualTo(data);
            assertThat(s3.fromServer() - received).isGreaterThanOrEqualTo(SIZE);

            HttpResponse<String> delete = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id))
                    .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(delete.statusCode()).isEqualTo(204);
            assertThat(copy).doesNotExist();
        }
    }

    /**
     * python-glanceclient's cache commands, unmodified, against glance-api with the cache on over the filesystem
     * store: they need v2.14 in /versions, queue an image (which the prefetcher then fetches), list it, delete it,
     * clear by target; a queued (data-less) image cannot be queued for caching.
     */
    @Test
    void glanceClientCacheCommands() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        Path home = Files.createDirectories(work.resolve("home"));
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"), "--image_cache_enabled", "true")) {
            String versions = http.send(HttpRequest.newBuilder(glance.uri("/versions")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(versions).contains("{\"id\":\"v2.16\",\"status\":\"CURRENT\"", "\"v2.14\"");
            byte[] data = new byte[300_000];
            new Random(7).nextBytes(data);
            String id = createAndUpload(glance, data);
            String empty = JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"no-data\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();

            // Each command once (python's start-up is slow on a busy machine); the state in between over HTTP.
            String queued = glanceCli(home, glance, "cache-queue", id, empty).output();
            assertThat(queued).doesNotContain("Unable to queue image '" + id + "'")
                    .contains("Only images with status active can be targeted for queueing")
                    .contains("Unable to queue image '" + empty + "'");
            awaitCached(glance, id);
            String listed = glanceCli(home, glance, "cache-list").output();
            assertThat(listed).containsPattern("\\| " + id + " \\| cached +\\| [0-9T:.-]+ +\\| [0-9T:.-]+ +\\| 300000 ");
            assertThat(listed).doesNotContain(empty);

            glanceCli(home, glance, "cache-delete", id);
            assertThat(cacheState(glance).get("cached_images")).isEmpty();
            assertThat(download(glance, id)).isEqualTo(data);
            assertThat(cacheState(glance).get("cached_images").get(0).get("image_id").asText()).isEqualTo(id);

            glanceCli(home, glance, "cache-clear", "--target", "queue");
            assertThat(cacheState(glance).get("cached_images")).hasSize(1);
            glanceCli(home, glance, "cache-clear");
            assertThat(cacheState(glance).get("cached_images")).isEmpty();
            assertThat(cacheState(glance).get("queued_images")).isEmpty();
            HttpResponse<String> invalidTarget = http.send(HttpRequest.newBuilder(glance.uri("/v2/cache"))
                    .header("x-image-cache-clear-target", "both").DELETE().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(invalidTarget.statusCode()).isEqualTo(400);
            assertThat(invalidTarget.body()).contains("both");
        }
    }

    private com.fasterxml.jackson.databind.JsonNode cacheState(GlanceProcess glance) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/cache")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** Until the prefetcher has fetched the image (it starts about a second after the image was queued). */
    private void awaitCached(GlanceProcess glance, String id) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            com.fasterxml.jackson.databind.JsonNode state = cacheState(glance);
            if (state.get("cached_images").toString().contains(id) && state.get("queued_images").isEmpty()) {
                return;
            }
            assertThat(System.nanoTime()).as("image cached and dequeued within 30 s: " + state).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static CommandLine.Result glanceCli(Path home, GlanceProcess glance, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("glance", "--os-image-url", glance.endpoint(),
                "--os-auth-token", "e2e-token", "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    private String createAndUpload(GlanceProcess glance, byte[] data) throws Exception {
        String id = JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"cached\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        return id;
    }

    private byte[] download(GlanceProcess glance, String id) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** One byte flipped in the middle, the modification time put back: only the digest can tell. */
    private static void corruptKeepingTheModificationTime(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(SIZE / 2);
            int b = raf.read();
            raf.seek(SIZE / 2);
            raf.write(b ^ 0xff);
        }
        Files.setLastModifiedTime(file, modified);
    }

    private static String requireServer() {
        String endpoint = System.getProperty("glance.test.s3.endpoint", "");
        if (endpoint.isBlank()) {
            String message = "No S3 server to test against: run bin/test, which starts s3proxy and passes "
                    + "-Dglance.test.s3.endpoint and the keys";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return endpoint;
    }
}

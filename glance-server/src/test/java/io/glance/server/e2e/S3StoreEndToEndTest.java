package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The distribution's S3 plugin (a zip with the AWS SDK in lib/) as a second store beside the filesystem store, on the
 * real S3 server bin/test starts (s3proxy): a client chooses it with {@code X-Image-Meta-Store}, the upload goes
 * multipart (5 MiB parts), and the download returns the same bytes. Skipped without the server unless {@code CI=true}.
 */
class S3StoreEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void uploadToS3ChosenByHeaderAndDownloadTheSameBytes() throws Exception {
        String endpoint = requireServer();
        String bucket = "glance-e2e-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String[] options = {"--plugins_dir", pluginsFolder().toString(), "--enabled_backends", "fast:file, obj:s3",
                "--default_backend", "fast", "--fast.filesystem_store_datadir", work.resolve("fast").toString(),
                "--obj.s3_store_host", endpoint, "--obj.s3_store_bucket", bucket,
                "--obj.s3_store_access_key", System.getProperty("glance.test.s3.access_key", ""),
                "--obj.s3_store_secret_key", System.getProperty("glance.test.s3.secret_key", ""),
                "--obj.s3_store_create_bucket_on_put", "true", "--obj.s3_store_bucket_url_format", "path",
                "--obj.s3_store_large_object_size", "5", "--obj.s3_store_large_object_chunk_size", "5"};
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"), options)) {
            String id = JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"s3\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
            byte[] data = new byte[11 * 1024 * 1024 + 5];
            new Random(5).nextBytes(data);

            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream").header("X-Image-Meta-Store", "obj")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);

            HttpResponse<String> show = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode image = JSON.readTree(show.body());
            assertThat(image.get("stores").asText()).isEqualTo("obj");
            assertThat(image.get("size").asLong()).isEqualTo(data.length);
            assertThat(show.body()).doesNotContain(System.getProperty("glance.test.s3.secret_key", "?"));
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(data);
            try (Stream<Path> files = Files.list(work.resolve("fast"))) {
                assertThat(files.toList()).as("nothing went to the default store").isEmpty();
            }
            assertThat(glance.log()).doesNotContain(
                    System.getProperty("glance.test.s3.secret_key", "?"));
        }
    }

    /** The distribution's archives only (not the folders glance-api unpacks zips into). */
    private Path pluginsFolder() throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> archives = Files.list(GlanceProcess.pluginsDir())) {
            for (Path archive : archives.filter(path -> path.toString().endsWith(".jar")
                    || path.toString().endsWith(".zip")).toList()) {
                Files.copy(archive, plugins.resolve(archive.getFileName()));
            }
        }
        return plugins;
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

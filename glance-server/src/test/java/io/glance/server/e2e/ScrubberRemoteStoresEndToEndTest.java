package io.glance.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code delayed_delete} with the S3 (s3proxy) and Swift stores, the sibling of {@link ScrubberEndToEndTest}'s
 * filesystem case: a deleted image's object stays in its store while the image is {@code pending_delete}, and is gone
 * from S3 and from Swift (looked at directly, not through glance-api) once {@code scrub_time} has passed.
 */
class ScrubberRemoteStoresEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void theScrubberRemovesPendingDataFromS3AndSwiftAfterScrubTime() throws Exception {
        String s3 = DirectStores.required("glance.test.s3.endpoint", "GLANCE_TEST_S3_ENDPOINT");
        String swiftAuth = DirectStores.required("glance.test.swift.auth", "GLANCE_TEST_SWIFT_AUTH");
        String accessKey = System.getProperty("glance.test.s3.access_key", "");
        String secretKey = System.getProperty("glance.test.s3.secret_key", "");
        String bucket = "scrub-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String container = "scrub-" + UUID.randomUUID().toString().substring(0, 8);
        DirectStores.S3 s3Bucket = new DirectStores.S3(http, s3, bucket, accessKey, secretKey);
        DirectStores.Swift swift = DirectStores.Swift.login(http, swiftAuth);
        byte[] data = new byte[40_000];
        new Random(15).nextBytes(data);
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"),
                "--plugins_dir", DirectStores.pluginsFolder(work).toString(),
                "--enabled_backends", "fast:file, obj:s3, sw:swift", "--default_backend", "fast",
                "--fast.filesystem_store_datadir", work.resolve("fast").toString(),
                "--obj.s3_store_host", s3, "--obj.s3_store_bucket", bucket, "--obj.s3_store_access_key", accessKey,
                "--obj.s3_store_secret_key", secretKey, "--obj.s3_store_create_bucket_on_put", "true",
                "--obj.s3_store_bucket_url_format", "path",
                "--sw.swift_store_auth_address", swiftAuth, "--sw.swift_store_user", "test:tester",
                "--sw.swift_store_key", "testing", "--sw.swift_store_container", container,
                "--sw.swift_store_create_container_on_put", "true",
                "--delayed_delete", "true", "--scrub_time", "3", "--wakeup_time", "0.5")) {
            String inS3 = imageWithData(glance, data, "obj");
            String inSwift = imageWithData(glance, data, "sw");
            for (String id : new String[] {inS3, inSwift}) {
                HttpResponse<String> delete = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id))
                        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(delete.statusCode()).as(delete.body()).isEqualTo(204);
            }
            assertThat(s3Bucket.get(inS3)).as("pending_delete keeps the S3 object").isEqualTo(200);
            assertThat(swift.get(container, inSwift)).as("pending_delete keeps the Swift object").isEqualTo(200);

            long deadline = System.currentTimeMillis() + 30_000;
            while ((s3Bucket.get(inS3) != 404 || swift.get(container, inSwift) != 404)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(250);
            }
            assertThat(s3Bucket.get(inS3)).as("S3 object after scrub_time").isEqualTo(404);
            assertThat(swift.get(container, inSwift)).as("Swift object after scrub_time").isEqualTo(404);
            assertThat(glance.log()).contains("Scrubber: deleted the data of image " + inS3,
                    "Scrubber: deleted the data of image " + inSwift).doesNotContain("is still there");
        }
    }

    private String imageWithData(GlanceProcess glance, byte[] data, String store) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"s\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream").header("X-Image-Meta-Store", store)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        return id;
    }
}

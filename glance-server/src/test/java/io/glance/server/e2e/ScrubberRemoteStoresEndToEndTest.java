package io.glance.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code delayed_delete} with the S3 (s3proxy) and Swift stores, the sibling of {@link ScrubberEndToEndTest}'s
 * filesystem case: a deleted image's object stays in its store while the image is {@code pending_delete}, and is gone
 * from S3 and from Swift (looked at directly, not through glance-api) once {@code scrub_time} has passed.
 */
class ScrubberRemoteStoresEndToEndTest {
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
        List<String> options = new ArrayList<>(DirectStores.threeStoreOptions(DirectStores.pluginsFolder(work),
                work.resolve("fast"), s3, bucket, accessKey, secretKey, swiftAuth, container));
        options.addAll(List.of("--delayed_delete", "true", "--scrub_time", "3", "--wakeup_time", "0.5"));
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"), options.toArray(String[]::new))) {
            String inS3 = DirectStores.imageWithData(http, glance, data, "obj");
            String inSwift = DirectStores.imageWithData(http, glance, data, "sw");
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

}

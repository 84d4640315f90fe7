package io.glance.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-input table against a real glance-api with the filesystem store: each request gets the documented 4xx and
 * a message, never a 5xx. (Bodies above image_size_cap and clients that disconnect mid-upload are in
 * {@link UploadFailureEndToEndTest}, because they also check what is left on disk.)
 */
class BadInputEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PATCH_V21 = "application/openstack-images-v2.1-json-patch";

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static String activeId;

    @BeforeAll
    static void startServerWithAnActiveImage() throws Exception {
        glance = GlanceProcess.start(work);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"bad-input\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        activeId = JSON.readTree(created.body()).get("id").asText();
        HttpResponse<String> upload = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + activeId + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[1000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
    }

    @AfterAll
    static void stopServer() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    /** A request built once the active image exists (the table is read before @BeforeAll runs). */
    private record Case(String name, Function<String, HttpRequest.Builder> request, int status, String named) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> badInputs() {
        String unknown = UUID.randomUUID().toString();
        return Stream.of(
                new Case("non-UUID id", id -> get("/v2/images/not-a-uuid"), 404, "not-a-uuid"),
                new Case("unknown image", id -> get("/v2/images/" + unknown), 404, unknown),
                new Case("upload with another content type", id -> request("/v2/images/" + id + "/file")
                        .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("x")), 415, null),
                new Case("upload to an active image", id -> request("/v2/images/" + id + "/file")
                        .header("Content-Type", "application/octet-stream")
                        .PUT(HttpRequest.BodyPublishers.ofString("x")), 409, "active"),
                new Case("malformed JSON", id -> request("/v2/images").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"name\": ")), 400, null),
                new Case("unknown sort key", id -> get("/v2/images?sort_key=colour"), 400, "colour"),
                new Case("negative limit", id -> get("/v2/images?limit=-1"), 400, "-1"),
                new Case("unknown marker", id -> get("/v2/images?marker=" + unknown), 400, unknown),
                new Case("read-only attribute in PATCH", id -> request("/v2/images/" + id)
                        .header("Content-Type", PATCH_V21).method("PATCH", HttpRequest.BodyPublishers.ofString(
                                "[{\"op\":\"replace\",\"path\":\"/status\",\"value\":\"active\"}]")), 403, "status"),
                new Case("other patch media type", id -> request("/v2/images/" + id)
                        .header("Content-Type", "application/json").method("PATCH", HttpRequest.BodyPublishers
                                .ofString("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"x\"}]")), 415, null),
                new Case("range past the end", id -> get("/v2/images/" + id + "/file")
                        .header("Range", "bytes=5000-"), 416, null))
                .map(Arguments::of);
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(glance.uri(path));
    }

    private static HttpRequest.Builder get(String path) {
        return request(path).GET();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void answersWithTheDocumentedClientError(Case bad) throws Exception {
        HttpResponse<String> response = HTTP.send(bad.request().apply(activeId).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(bad.name() + ": " + response.body()).isEqualTo(bad.status());
        assertThat(response.headers().firstValue("x-openstack-request-id")).isPresent();
        if (bad.named() != null) {
            assertThat(response.body()).as("the message names the offending value").contains(bad.named());
        }
        if (bad.status() == 415 && bad.name().contains("patch")) {
            assertThat(response.headers().firstValue("Accept-Patch").orElse(""))
                    .contains("application/openstack-images-v2.1-json-patch")
                    .contains("application/openstack-images-v2.0-json-patch");
        }
    }
}

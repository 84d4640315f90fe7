package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Glance's legacy quotas and property protections through a real glance-api process (no-auth, so the caller is an
 * admin with no project, and the file store): 413 for the 129th property, tag and member; an upload crossing
 * user_storage_quota is 413 with nothing left in the store and the image queued; a property protections file denies
 * the admin role what it does not grant it (protections have no admin bypass).
 */
class QuotasAndProtectionsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MIB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static GlanceProcess glance;

    @BeforeAll
    static void start() throws Exception {
        Path protections = work.resolve("property-protections.conf");
        Files.writeString(protections, """
                [^x_frozen_]
                create = !
                read = @
                update = !
                delete = !

                [^x_secret_]
                create = admin
                read = reader
                update = admin
                delete = admin

                [.*]
                create = @
                read = @
                update = @
                delete = @
                """);
        glance = GlanceProcess.start(work.resolve("glance"), "--user_storage_quota", "3MB",
                "--property_protection_file", protections.toString());
    }

    @AfterAll
    static void stop() throws Exception {
        glance.close();
    }

    @Test
    void anUploadCrossingUserStorageQuotaIs413LeavesNothingInTheStoreAndTheImageQueued() throws Exception {
        Path images = work.resolve("glance").resolve("images");
        String first = createImage("{\"name\":\"first\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}");
        assertThat(upload(first, TestFiles.random(2 * MIB), true).statusCode()).isEqualTo(204);
        List<Path> before = TestFiles.filesIn(images);
        assertThat(before).hasSize(1);

        String second = createImage("{\"name\":\"second\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}");
        HttpResponse<String> chunked = upload(second, TestFiles.random(2 * MIB), false);
        assertThat(chunked.statusCode()).as(chunked.body()).isEqualTo(413);
        assertThat(chunked.body()).contains("user_storage_quota").contains("1048576 bytes remaining");
        assertThat(image(second).get("status").asText()).isEqualTo("queued");
        assertThat(TestFiles.filesIn(images)).as("only the first image's data").isEqualTo(before);

        HttpResponse<String> sized = upload(second, TestFiles.random(2 * MIB), true);
        assertThat(sized.statusCode()).as("refused before reading: the size is known").isEqualTo(413);
        assertThat(image(second).get("status").asText()).isEqualTo("queued");
        assertThat(TestFiles.filesIn(images)).isEqualTo(before);

        assertThat(upload(second, TestFiles.random(MIB), false).statusCode()).as("what still fits").isEqualTo(204);
        assertThat(image(second).get("status").asText()).isEqualTo("active");
    }

    @Test
    void the129thPropertyTagAndMemberAre413() throws Exception {
        ObjectNode create = JSON.createObjectNode().put("name", "quota").put("visibility", "shared");
        for (int i = 0; i < 128; i++) {
            create.put("key_" + i, "value");
        }
        String id = createImage(create.toString());
        HttpResponse<String> property = patch(id, "[{\"op\":\"add\",\"path\":\"/key_128\",\"value\":\"v\"}]");
        assertThat(property.statusCode()).as(property.body()).isEqualTo(413);
        assertThat(property.body()).contains("Attempted: 129, Maximum: 128");

        for (int i = 0; i < 128; i++) {
            assertThat(send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/tags/tag-" + i))
                    .PUT(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(204);
        }
        HttpResponse<String> tag = send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/tags/tag-128"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(tag.statusCode()).as(tag.body()).isEqualTo(413);

        for (int i = 0; i < 128; i++) {
            assertThat(addMember(id, "project-" + i).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> member = addMember(id, "project-128");
        assertThat(member.statusCode()).as(member.body()).isEqualTo(413);
        JsonNode image = image(id);
        assertThat(image.get("tags")).hasSize(128);
        assertThat(image.has("key_128")).isFalse();
    }

    @Test
    void aProtectedPropertyIsRefusedToARoleTheFileDoesNotAllow() throws Exception {
        HttpResponse<String> refused = send(json(HttpRequest.newBuilder(glance.uri("/v2/images")),
                "{\"name\":\"frozen\",\"x_frozen_tier\":\"gold\"}", "POST"));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
        assertThat(refused.body()).contains("Attribute &#x27;x_frozen_tier&#x27; is reserved.");

        String id = createImage("{\"name\":\"secret\",\"x_secret_code\":\"42\",\"os_distro\":\"cirros\"}");
        JsonNode shown = image(id);
        assertThat(shown.has("x_secret_code")).as("admin may create but not read it").isFalse();
        assertThat(shown.get("os_distro").asText()).isEqualTo("cirros");
        HttpResponse<String> frozen = patch(id, "[{\"op\":\"add\",\"path\":\"/x_frozen_tier\",\"value\":\"x\"}]");
        assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(403);
    }

    private static String createImage(String body) throws Exception {
        HttpResponse<String> response = send(json(HttpRequest.newBuilder(glance.uri("/v2/images")), body, "POST"));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static HttpResponse<String> patch(String id, String operations) throws Exception {
        return send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id))
                .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(operations)));
    }

    private static HttpResponse<String> addMember(String id, String member) throws Exception {
        return send(json(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/members")),
                "{\"member\":\"" + member + "\"}", "POST"));
    }

    /** PUT /file with Content-Length, or chunked (unknown size) when {@code sized} is false. */
    private static HttpResponse<String> upload(String id, byte[] data, boolean sized) throws Exception {
        HttpRequest.BodyPublisher body = sized ? HttpRequest.BodyPublishers.ofByteArray(data)
                : HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(data));
        return send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream").PUT(body));
    }

    private static JsonNode image(String id) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpRequest.Builder json(HttpRequest.Builder builder, String body, String method) {
        return builder.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

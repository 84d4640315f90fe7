package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** POST, GET and DELETE of images and what the image JSON looks like (spec §2.2, §4). */
@RoutingTest
class ImagesResourceTest {
    private static final TestApi API = TestApi.singleStore();
    private static final List<String> BASE_KEYS = List.of("id", "name", "status", "visibility", "protected",
            "os_hidden", "checksum", "os_hash_algo", "os_hash_value", "owner", "size", "virtual_size",
            "container_format", "disk_format", "min_disk", "min_ram", "created_at", "updated_at", "tags", "self",
            "file", "schema");
    private final Http http;

    ImagesResourceTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void createAnswers201WithLocationAndTheFullImage() {
        Http.Reply reply = http.post("/v2/images", "{\"name\": \"cirros\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\", \"tags\": [\"a\", \"a\", \"b\"], \"min_ram\": 64,"
                + " \"os_distro\": \"cirros\"}", "Host", "glance:9292");
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        JsonNode image = reply.json();
        String id = image.get("id").textValue();
        assertThat(reply.header("Location")).contains("http://glance:9292/v2/images/" + id);
        assertThat(reply.header("OpenStack-image-import-methods")).as("no import method is enabled").isEmpty();
        assertThat(reply.header("OpenStack-image-store-ids")).as("single store").isEmpty();
        List<String> keys = new ArrayList<>();
        image.fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsAll(BASE_KEYS).contains("os_distro")
                .doesNotContain("locations", "direct_url", "stores");
        assertThat(image.get("status").textValue()).isEqualTo("queued");
        assertThat(image.get("visibility").textValue()).isEqualTo("shared");
        assertThat(image.get("name").textValue()).isEqualTo("cirros");
        assertThat(image.get("tags")).hasSize(2);
        assertThat(image.get("min_ram").intValue()).isEqualTo(64);
        assertThat(image.get("min_disk").intValue()).isZero();
        assertThat(image.get("protected").booleanValue()).isFalse();
        assertThat(image.get("os_distro").textValue()).isEqualTo("cirros");
        for (String unset : List.of("checksum", "os_hash_algo", "os_hash_value", "size", "virtual_size", "owner")) {
            assertThat(image.get(unset).isNull()).as(unset).isTrue();
        }
        assertThat(image.get("created_at").textValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(image.get("self").textValue()).isEqualTo("/v2/images/" + id);
        assertThat(image.get("file").textValue()).isEqualTo("/v2/images/" + id + "/file");
        assertThat(image.get("schema").textValue()).isEqualTo("/v2/schemas/image");
        assertThat(reply.header("x-openstack-request-id")).hasValueSatisfying(v -> assertThat(v).startsWith("req-"));
    }

    @Test
    void showReturnsWhatCreateStored() {
        String id = http.create("{\"name\": \"shown\", \"hw_disk_bus\": \"virtio\"}");
        Http.Reply reply = http.get("/v2/images/" + id);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("name").textValue()).isEqualTo("shown");
        assertThat(reply.json().get("hw_disk_bus").textValue()).isEqualTo("virtio");
    }

    @Test
    void createWithAChosenIdAndADuplicateOfIt() {
        String id = UUID.randomUUID().toString();
        assertThat(http.post("/v2/images", "{\"id\": \"" + id + "\"}").status()).isEqualTo(201);
        assertThat(http.get("/v2/images/" + id).status()).isEqualTo(200);
        assertThat(http.post("/v2/images", "{\"id\": \"" + id + "\"}").status()).isEqualTo(409);
    }

    @Test
    void readOnlyAndReservedKeysAreForbidden() {
        for (String body : List.of("{\"status\": \"active\"}", "{\"self\": \"/x\"}", "{\"stores\": \"a\"}",
                "{\"checksum\": \"abc\"}", "{\"size\": 5}", "{\"created_at\": \"2020-01-01T00:00:00Z\"}",
                "{\"deleted\": \"true\"}", "{\"os_glance_import_task\": \"x\"}",
                "{\"locations\": []}")) {
            Http.Reply reply = http.post("/v2/images", body);
            assertThat(reply.status()).as(body).isEqualTo(403);
            assertThat(reply.body()).as(body).containsPattern("is (read-only|reserved)");
        }
    }

    @Test
    void bodiesThatAreNotAnImageAreBadRequests() {
        assertThat(http.post("/v2/images", "{\"name\": ").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "{} {}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "[]").body()).contains("is not of type").contains("object");
        assertThat(http.post("/v2/images", "\"image\"").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "").body()).contains("Body expected in request.");
        Http.Reply notAString = http.post("/v2/images", "{\"hw_disk_bus\": 3}");
        assertThat(notAString.status()).isEqualTo(400);
        assertThat(notAString.body()).contains("3 is not of type").contains("hw_disk_bus");
        assertThat(http.post("/v2/images", "{\"min_ram\": \"512\"}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "{\"visibility\": \"everyone\"}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "{\"disk_format\": \"floppy\"}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "{\"id\": \"not-a-uuid\"}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "{\"tags\": [1]}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images", "{\"name\": \"" + "n".repeat(256) + "\"}").status()).isEqualTo(400);
    }

    @Test
    void anIdThatIsNoUuidOrUnknownIs404() {
        Http.Reply notUuid = http.get("/v2/images/not-a-uuid");
        assertThat(notUuid.status()).isEqualTo(404);
        assertThat(notUuid.body()).contains("not-a-uuid");
        assertThat(http.get("/v2/images/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http.delete("/v2/images/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http.delete("/v2/images/nope").status()).isEqualTo(404);
    }

    @Test
    void deleteAnswers204AndTheImageIsGone() {
        String id = http.create("{\"name\": \"doomed\"}");
        Http.Reply deleted = http.delete("/v2/images/" + id);
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(http.get("/v2/images/" + id).status()).isEqualTo(404);
    }

    @Test
    void protectedImagesCannotBeDeleted() {
        String id = http.create("{\"protected\": true}");
        assertThat(http.delete("/v2/images/" + id).status()).isEqualTo(403);
    }

    @Test
    void glanceclientsContentTypeOnBodilessRequestsIsIgnored() {
        String id = http.create("{}");
        assertThat(http.get("/v2/images/" + id, "Content-Type", "application/octet-stream").status()).isEqualTo(200);
        assertThat(http.get("/v2/images", "Content-Type", "application/octet-stream").status()).isEqualTo(200);
        assertThat(http.delete("/v2/images/" + id, "Content-Type", "application/octet-stream").status())
                .isEqualTo(204);
    }
}

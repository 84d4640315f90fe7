package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** PATCH /v2/images/{id} in both JSON-patch dialects, as glanceclient and openstackclient send it (spec §3, §7). */
@RoutingTest
class ImagePatchTest {
    private static final TestApi API = TestApi.singleStore();
    private static final String V2_0 = "application/openstack-images-v2.0-json-patch";
    private final Http http;

    ImagePatchTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void openstackclientSetSendsAddsThatUpsert() {
        String id = http.create("{\"name\": \"before\", \"tags\": [\"old\"]}");
        Http.Reply reply = http.patch("/v2/images/" + id, """
                [{"op": "add", "path": "/name", "value": "after"},
                 {"op": "add", "path": "/os_version", "value": "1.0"},
                 {"op": "add", "path": "/protected", "value": false},
                 {"op": "add", "path": "/tags", "value": ["old", "osc-tag"]}]""");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode image = reply.json();
        assertThat(image.get("name").textValue()).isEqualTo("after");
        assertThat(image.get("os_version").textValue()).isEqualTo("1.0");
        assertThat(image.get("tags").toString()).contains("old").contains("osc-tag");
        assertThat(http.get("/v2/images/" + id).json().get("os_version").textValue()).isEqualTo("1.0");
    }

    @Test
    void glanceclientUpdateReplacesBaseKeysAndRemovesProperties() {
        String id = http.create("{\"name\": \"g\", \"os_distro\": \"cirros\", \"hw_disk_bus\": \"ide\"}");
        Http.Reply reply = http.patch("/v2/images/" + id, """
                [{"op": "replace", "path": "/min_disk", "value": 2},
                 {"op": "replace", "path": "/hw_disk_bus", "value": "virtio"},
                 {"op": "remove", "path": "/os_distro"}]""");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json().get("min_disk").intValue()).isEqualTo(2);
        assertThat(reply.json().get("hw_disk_bus").textValue()).isEqualTo("virtio");
        assertThat(reply.json().has("os_distro")).isFalse();
    }

    @Test
    void replacingOrRemovingAnAbsentPropertyIsAConflict() {
        String id = http.create("{}");
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": \"remove\", \"path\": \"/nothing\"}]").status())
                .isEqualTo(409);
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": \"replace\", \"path\": \"/nothing\", \"value\": \"x\"}]")
                .status()).isEqualTo(409);
    }

    @Test
    void draft4DialectAddOfAnExistingKeyIsAConflict() {
        String id = http.create("{\"k\": \"v\"}");
        assertThat(send(id, V2_0, "[{\"add\": \"/other\", \"value\": \"w\"}]").status()).isEqualTo(200);
        assertThat(send(id, V2_0, "[{\"add\": \"/k\", \"value\": \"w\"}]").status()).isEqualTo(409);
    }

    @Test
    void readOnlyAttributesAre403() {
        String id = http.create("{}");
        for (String path : new String[] {"/status", "/id", "/checksum", "/size", "/created_at", "/self"}) {
            Http.Reply reply = http.patch("/v2/images/" + id,
                    "[{\"op\": \"replace\", \"path\": \"" + path + "\", \"value\": \"x\"}]");
            assertThat(reply.status()).as(path).isEqualTo(403);
            assertThat(reply.body()).as(path).contains("read-only");
        }
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": \"add\", \"path\": \"/locations/-\","
                + " \"value\": {\"url\": \"http://x\", \"metadata\": {}}}]").status()).isEqualTo(403);
    }

    @Test
    void otherMediaTypesAre415WithAcceptPatch() {
        String id = http.create("{}");
        for (String type : new String[] {"application/json", "application/json-patch+json"}) {
            Http.Reply reply = send(id, type, "[]");
            assertThat(reply.status()).as(type).isEqualTo(415);
            assertThat(reply.header("Accept-Patch")).contains("application/openstack-images-v2.0-json-patch, "
                    + "application/openstack-images-v2.1-json-patch");
        }
    }

    @Test
    void malformedPatchesAre400() {
        String id = http.create("{}");
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": ").status()).isEqualTo(400);
        assertThat(http.patch("/v2/images/" + id, "{\"op\": \"add\"}").status()).isEqualTo(400);
        assertThat(http.patch("/v2/images/" + id, "[\"add\"]").status()).isEqualTo(400);
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": \"add\", \"path\": \"name\", \"value\": \"x\"}]")
                .status()).isEqualTo(400);
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": \"add\", \"path\": \"/a/b\", \"value\": \"x\"}]")
                .status()).isEqualTo(400);
        assertThat(http.patch("/v2/images/" + id, "[{\"op\": \"add\", \"path\": \"/min_ram\", \"value\": -1}]")
                .status()).isEqualTo(400);
    }

    @Test
    void unknownOrInvalidImagesAre404() {
        assertThat(http.patch("/v2/images/" + UUID.randomUUID(), "[]").status()).isEqualTo(404);
        assertThat(http.patch("/v2/images/xyz", "[]").status()).isEqualTo(404);
    }

    private Http.Reply send(String id, String contentType, String body) {
        return http.send(Method.PATCH, "/v2/images/" + id, body, "Content-Type", contentType);
    }
}

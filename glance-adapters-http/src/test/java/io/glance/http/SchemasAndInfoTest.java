package io.glance.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas glanceclient caches, and the single-store answers of the discovery routes (spec §2, §2.6). */
@RoutingTest
class SchemasAndInfoTest {
    private static final TestApi API = TestApi.singleStore();
    private final Http http;

    SchemasAndInfoTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void everySchemaGlanceclientFetchesIsServed() {
        for (String name : List.of("image", "images", "member", "members", "metadefs/namespace",
                "metadefs/resource_type", "task", "tasks")) {
            Http.Reply reply = http.get("/v2/schemas/" + name);
            assertThat(reply.status()).as(name).isEqualTo(200);
            assertThat(reply.header("Content-Type")).as(name).contains("application/json");
            assertThat(reply.json().get("name").isTextual()).as(name).isTrue();
        }
        assertThat(http.get("/v2/schemas/image").json().get("properties").has("stores")).isFalse();
        assertThat(http.get("/v2/schemas/nothing").status()).isEqualTo(404);
    }

    /** Tempest's MetadataSchemaTest: the ten catalog schemas and the {@code name} each must carry. */
    @Test
    void theTenMetadefSchemasCarryTheNamesTempestChecks() {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("namespace", "namespace");
        expected.put("namespaces", "namespaces");
        expected.put("resource_type", "resource_type_association");
        expected.put("resource_types", "resource_type_associations");
        expected.put("object", "object");
        expected.put("objects", "objects");
        expected.put("property", "property");
        expected.put("properties", "properties");
        expected.put("tag", "tag");
        expected.put("tags", "tags");
        expected.forEach((path, name) -> {
            Http.Reply reply = http.get("/v2/schemas/metadefs/" + path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.json().get("name").textValue()).as(path).isEqualTo(name);
        });
        assertThat(http.get("/v2/schemas/metadefs/property").json().get("required").toString())
                .isEqualTo("[\"type\",\"title\",\"name\"]");
        assertThat(http.get("/v2/schemas/metadefs/properties").json().path("properties").path("properties")
                .path("additionalProperties").path("required").toString()).isEqualTo("[\"type\",\"title\"]");
    }

    @Test
    void metadefsAnswer501WithoutACatalog() {
        Http.Reply reply = http.get("/v2/metadefs/namespaces");
        assertThat(reply.status()).isEqualTo(501);
        assertThat(reply.body()).contains("data_api: registry");
    }

    @Test
    void storesAre404WithoutMultiStore() {
        assertThat(http.get("/v2/info/stores").status()).isEqualTo(404);
        assertThat(http.get("/v2/info/stores/detail").status()).isEqualTo(404);
        assertThat(http.delete("/v2/stores/file/" + UUID.randomUUID()).status()).isEqualTo(404);
    }

    @Test
    void usageIsEmptyWithoutKeystoneLimits() {
        assertThat(http.get("/v2/info/usage").body()).isEqualTo("{\"usage\":{}}");
    }
}

package io.glance.http;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The schemas glanceclient caches, and the single-store answers of the discovery routes (spec §2, §2.6). */
@RoutingTest
class TestSchemasAndInfo {
    private static final TestApi API = TestApi.singleStore();
    private final Http http;

    TestSchemasAndInfo(DirectClient client) {
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

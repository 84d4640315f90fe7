package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What changes with several stores (Glance's enabled_backends): discovery, store ids, {@code stores} on images. */
@RoutingTest
class MultiStoreTest {
    private static final TestApi API = TestApi.multiStore();
    private final Http http;

    MultiStoreTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void infoStoresListsTheStoresWithStringFlags() {
        JsonNode stores = http.get("/v2/info/stores").json().get("stores");
        assertThat(stores).hasSize(2);
        assertThat(stores.get(0).get("id").textValue()).isEqualTo("fast");
        assertThat(stores.get(0).get("default").textValue()).isEqualTo("true");
        assertThat(stores.get(1).has("default")).isFalse();
        assertThat(stores.get(0).has("type")).isFalse();
        JsonNode detail = http.get("/v2/info/stores/detail").json().get("stores");
        assertThat(detail.get(0).get("type").textValue()).isEqualTo("memory");
        assertThat(detail.get(0).get("properties").isObject()).isTrue();
    }

    @Test
    void createNamesTheStoresAndImagesWithDataShowWhereItIs() {
        Http.Reply created = http.post("/v2/images", "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.header("OpenStack-image-store-ids")).contains("fast,cheap");
        assertThat(created.json().has("stores")).as("no data yet").isFalse();
        String id = created.id();
        Http.Reply upload = http.send(Method.PUT, "/v2/images/" + id + "/file", "data",
                "Content-Type", "application/octet-stream", "X-Image-Meta-Store", "cheap");
        assertThat(upload.status()).as(upload.body()).isEqualTo(204);
        assertThat(http.get("/v2/images/" + id).json().get("stores").textValue()).isEqualTo("cheap");
    }

    @Test
    void anUnknownStoreIsABadRequest() {
        String id = http.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/file", "data",
                "Content-Type", "application/octet-stream", "X-Image-Meta-Store", "nowhere").status()).isEqualTo(400);
    }

    @Test
    void deletingDataFromAStoreFollowsGlancesAnswers() {
        String id = http.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(http.delete("/v2/stores/cheap/" + id).status()).as("not active").isEqualTo(409);
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/file", "data",
                "Content-Type", "application/octet-stream", "X-Image-Meta-Store", "cheap").status()).isEqualTo(204);
        assertThat(http.delete("/v2/stores/nowhere/" + id).status()).as("unknown store").isEqualTo(409);
        assertThat(http.delete("/v2/stores/fast/" + id).status()).as("no data there").isEqualTo(404);
        Http.Reply onlyCopy = http.delete("/v2/stores/cheap/" + id);
        assertThat(onlyCopy.status()).as("the only copy").isEqualTo(403);
        assertThat(onlyCopy.body()).contains("only store");
        assertThat(http.get("/v2/images/" + id + "/file").status()).as("data still there").isEqualTo(200);
    }
}

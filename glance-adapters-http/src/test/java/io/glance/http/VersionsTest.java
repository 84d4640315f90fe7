package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@RoutingTest
class VersionsTest {
    private static final TestApi API = TestApi.singleStore();
    private final Http http;

    VersionsTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void versionsIs200WithEveryV2AndV1VersionAndSelfLinksFromTheHost() {
        Http.Reply reply = http.get("/versions", "Host", "glance.example:9292");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).contains("application/json");
        JsonNode versions = reply.json().get("versions");
        List<String> ids = new ArrayList<>();
        versions.forEach(version -> ids.add(version.get("id").textValue()));
        // No image cache here: v2.16 and v2.14 (the cache API) are not listed, as in Glance.
        assertThat(ids).containsExactly("v2.15", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9",
                "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0", "v1.1", "v1.0");
        assertThat(versions.get(0).get("status").textValue()).isEqualTo("CURRENT");
        versions.forEach(version -> {
            String id = version.get("id").textValue();
            boolean v1 = id.startsWith("v1.");
            if (!id.equals("v2.15")) {
                assertThat(version.get("status").textValue()).as(id).isEqualTo(v1 ? "DEPRECATED" : "SUPPORTED");
            }
            assertThat(version.get("links").get(0).get("rel").textValue()).isEqualTo("self");
            assertThat(version.get("links").get(0).get("href").textValue())
                    .isEqualTo(v1 ? "http://glance.example:9292/v1/" : "http://glance.example:9292/v2/");
        });
    }

    @Test
    void rootAndUnknownVersionsAre300WithTheSameDocument() {
        for (String path : List.of("/", "/images", "/v1.1/images", "/v1.2/images", "/va.1/images", "/foo",
                "/v3/images", "/v2.17/images", "/v2.16/images", "/v2.14/images")) {
            Http.Reply reply = http.get(path, "Host", "h:1");
            assertThat(reply.status()).as(path).isEqualTo(300);
            assertThat(reply.json().get("versions")).as(path).hasSize(17);
            assertThat(reply.header("x-openstack-request-id")).as(path).isPresent();
        }
        assertThat(http.post("/", "{}").status()).isEqualTo(300);
    }

    @Test
    void versionedPathsAreServedAsV2() {
        for (String prefix : List.of("/v2", "/v2.0", "/v2.9", "/v2.13", "/v2.15")) {
            Http.Reply reply = http.get(prefix + "/images");
            assertThat(reply.status()).as(prefix).isEqualTo(200);
            assertThat(reply.json().get("first").textValue()).isEqualTo("/v2/images");
        }
    }

    @Test
    void withoutAnImageCacheTheCacheApiIsNotThere() {
        for (String path : List.of("/v2/cache", "/v2/cache/" + java.util.UUID.randomUUID())) {
            Http.Reply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(reply.body()).as(path).contains("Caching via API is not supported at this site.");
        }
    }

    @Test
    void diabloV1PrefixesAreServedAsV1() {
        for (String prefix : List.of("/v1", "/v1.0", "/v1.a")) {
            Http.Reply reply = http.get(prefix + "/images");
            assertThat(reply.status()).as(prefix).isEqualTo(200);
            assertThat(reply.json().get("images")).as(prefix).isEmpty();
            assertThat(reply.json().has("first")).as(prefix).isFalse();
        }
        assertThat(http.get("/v1/versions").status()).isEqualTo(404);
    }

    @Test
    void vendorMediaTypeSelectsTheVersionWithoutAPathPrefix() {
        assertThat(http.get("/images", "Accept", "application/vnd.openstack.images-v1").json().has("first"))
                .isFalse();
        assertThat(http.get("/images", "Accept", "application/vnd.openstack.images-v1").status()).isEqualTo(200);
        assertThat(http.get("/images", "Accept", "application/vnd.openstack.compute-v1").status()).isEqualTo(300);
        assertThat(http.get("/images", "Accept", "application/vnd.openstack.images-v2.1").status()).isEqualTo(200);
        assertThat(http.get("/images", "Accept", "application/vnd.openstack.images-v9").status()).isEqualTo(300);
    }

    @Test
    void healthcheckAnswersOk() {
        Http.Reply reply = http.get("/healthcheck");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).isEqualTo("OK");
    }
}

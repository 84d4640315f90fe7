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

/** GET /v2/images: pages with next links, filters, sorting and the 400s for bad parameters (spec §2.1). */
@RoutingTest
class ImageListTest {
    private static final TestApi API = TestApi.singleStore();
    private final Http http;

    ImageListTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.get("images").forEach(image -> names.add(image.get("name").textValue()));
        return names;
    }

    @Test
    void pagesFollowNextLinksUntilAShortPage() {
        String tag = "page-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            http.create("{\"name\": \"p" + i + "\", \"tags\": [\"" + tag + "\"]}");
        }
        String path = "/v2/images?limit=2&tag=" + tag + "&sort_key=name&sort_dir=asc";
        List<String> seen = new ArrayList<>();
        int pages = 0;
        while (path != null) {
            Http.Reply reply = http.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            JsonNode page = reply.json();
            assertThat(page.get("schema").textValue()).isEqualTo("/v2/schemas/images");
            assertThat(page.get("first").textValue())
                    .isEqualTo("/v2/images?limit=2&tag=" + tag + "&sort_key=name&sort_dir=asc");
            seen.addAll(names(page));
            path = page.has("next") ? page.get("next").textValue() : null;
            if (path != null) {
                assertThat(path).startsWith("/v2/images?limit=2&tag=" + tag + "&sort_key=name&sort_dir=asc&marker=");
            }
            pages++;
        }
        assertThat(seen).containsExactly("p0", "p1", "p2", "p3", "p4");
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void aFullLastPageStillLinksToAnEmptyOne() {
        String tag = "full-" + UUID.randomUUID();
        http.create("{\"name\": \"f0\", \"tags\": [\"" + tag + "\"]}");
        http.create("{\"name\": \"f1\", \"tags\": [\"" + tag + "\"]}");
        JsonNode first = http.get("/v2/images?limit=2&tag=" + tag).json();
        assertThat(first.get("images")).hasSize(2);
        JsonNode second = http.get(first.get("next").textValue()).json();
        assertThat(second.get("images")).isEmpty();
        assertThat(second.has("next")).isFalse();
    }

    @Test
    void defaultOrderIsNewestFirstAndFiltersApply() {
        String tag = "filter-" + UUID.randomUUID();
        http.create("{\"name\": \"alpha\", \"disk_format\": \"raw\", \"tags\": [\"" + tag + "\"]}");
        http.create("{\"name\": \"beta\", \"disk_format\": \"qcow2\", \"tags\": [\"" + tag + "\"],"
                + " \"os_distro\": \"cirros\"}");
        assertThat(names(http.get("/v2/images?tag=" + tag + "&sort=name:desc").json()))
                .containsExactly("beta", "alpha");
        assertThat(names(http.get("/v2/images?tag=" + tag + "&disk_format=qcow2").json())).containsExactly("beta");
        assertThat(names(http.get("/v2/images?tag=" + tag + "&name=in:alpha,gamma").json()))
                .containsExactly("alpha");
        assertThat(names(http.get("/v2/images?tag=" + tag + "&os_distro=cirros").json())).containsExactly("beta");
    }

    @Test
    void badParametersAre400NamingTheValue() {
        assertBadRequest("/v2/images?sort_key=owner", "owner");
        assertBadRequest("/v2/images?sort_dir=sideways", "sideways");
        assertBadRequest("/v2/images?limit=-1", "-1");
        assertBadRequest("/v2/images?limit=many", "many");
        assertBadRequest("/v2/images?marker=" + UUID.randomUUID(), "marker");
        assertBadRequest("/v2/images?marker=bogus", "bogus");
        assertBadRequest("/v2/images?sort=name&sort_key=name", "combined");
        assertBadRequest("/v2/images?visibility=everyone", "everyone");
        assertBadRequest("/v2/images?member_status=maybe", "maybe");
        assertBadRequest("/v2/images?changes-since=2020-01-01T00:00:00Z", "changes-since");
        assertBadRequest("/v2/images?created_at=gt:soon", "ISO 8601");
        assertBadRequest("/v2/images?name=in:%22open", "quote");
    }

    private void assertBadRequest(String path, String named) {
        Http.Reply reply = http.get(path, "Accept", "application/json");
        assertThat(reply.status()).as(path).isEqualTo(400);
        assertThat(reply.json().get("message").textValue()).as(path).contains(named);
    }
}

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

/** Members, tags and (de|re)activation (spec §2, §2.5). */
@RoutingTest
class MembersTagsActionsTest {
    private static final TestApi API = TestApi.singleStore();
    private final Http http;

    MembersTagsActionsTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void membersLifecycle() {
        String id = http.create("{\"visibility\": \"shared\"}");
        Http.Reply added = http.post("/v2/images/" + id + "/members", "{\"member\": \"project-b\"}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        JsonNode member = added.json();
        assertThat(member.get("member_id").textValue()).isEqualTo("project-b");
        assertThat(member.get("image_id").textValue()).isEqualTo(id);
        assertThat(member.get("status").textValue()).isEqualTo("pending");
        assertThat(member.get("schema").textValue()).isEqualTo("/v2/schemas/member");
        assertThat(member.get("created_at").textValue()).endsWith("Z");

        JsonNode list = http.get("/v2/images/" + id + "/members").json();
        assertThat(list.get("members")).hasSize(1);
        assertThat(list.get("schema").textValue()).isEqualTo("/v2/schemas/members");
        assertThat(http.get("/v2/images/" + id + "/members/project-b").json().get("member_id").textValue())
                .isEqualTo("project-b");
        assertThat(http.post("/v2/images/" + id + "/members", "{\"member\": \"project-b\"}").status())
                .isEqualTo(409);

        Http.Reply accepted = http.put("/v2/images/" + id + "/members/project-b", "{\"status\": \"accepted\"}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(accepted.json().get("status").textValue()).isEqualTo("accepted");
        assertThat(http.put("/v2/images/" + id + "/members/project-b", "{\"status\": \"maybe\"}").status())
                .isEqualTo(400);

        assertThat(http.delete("/v2/images/" + id + "/members/project-b").status()).isEqualTo(204);
        assertThat(http.get("/v2/images/" + id + "/members/project-b").status()).isEqualTo(404);
    }

    @Test
    void memberBodiesAreChecked() {
        String id = http.create("{}");
        assertThat(http.post("/v2/images/" + id + "/members", "{}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images/" + id + "/members", "{\"member\": 5}").status()).isEqualTo(400);
        assertThat(http.post("/v2/images/" + id + "/members", "[]").status()).isEqualTo(400);
        assertThat(http.put("/v2/images/" + id + "/members/p", "{}").status()).isEqualTo(400);
    }

    @Test
    void membersOnlyOnSharedImages() {
        String id = http.create("{\"visibility\": \"private\"}");
        assertThat(http.post("/v2/images/" + id + "/members", "{\"member\": \"p\"}").status()).isEqualTo(403);
    }

    @Test
    void tagsAreAddedAndRemovedWith204() {
        String id = http.create("{}");
        Http.Reply added = http.send(Method.PUT, "/v2/images/" + id + "/tags/blue", null);
        assertThat(added.status()).isEqualTo(204);
        assertThat(added.body()).isEmpty();
        assertThat(http.get("/v2/images/" + id).json().get("tags").get(0).textValue()).isEqualTo("blue");
        assertThat(http.delete("/v2/images/" + id + "/tags/blue").status()).isEqualTo(204);
        assertThat(http.get("/v2/images/" + id).json().get("tags")).isEmpty();
        assertThat(http.delete("/v2/images/" + id + "/tags/blue").status()).isEqualTo(404);
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/tags/two%20words", null).status()).isEqualTo(204);
        assertThat(http.get("/v2/images/" + id).json().get("tags").get(0).textValue()).isEqualTo("two words");
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/tags/" + "t".repeat(256), null)
                .status()).isEqualTo(400);
        assertThat(http.send(Method.PUT, "/v2/images/" + UUID.randomUUID() + "/tags/x", null)
                .status()).isEqualTo(404);
    }

    @Test
    void deactivationNeedsAnActiveImage() {
        String id = http.create("{}");
        assertThat(http.send(Method.POST, "/v2/images/" + id + "/actions/deactivate", null)
                .status()).isEqualTo(403);
        assertThat(http.send(Method.POST, "/v2/images/" + id + "/actions/reactivate", null)
                .status()).isEqualTo(403);
        assertThat(http.send(Method.POST, "/v2/images/nope/actions/reactivate", null).status())
                .isEqualTo(404);
    }

    @Test
    void importIsNotOffered() {
        String id = http.create("{}");
        assertThat(http.get("/v2/info/import").json().get("import-methods").get("value")).isEmpty();
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/stage", "data",
                "Content-Type", "application/octet-stream").status()).isEqualTo(404);
        Http.Reply importing = http.post("/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}");
        assertThat(importing.status()).isEqualTo(400);
        assertThat(importing.body()).contains("glance-direct");
        assertThat(http.get("/v2/images/" + id + "/tasks").json().get("tasks")).isEmpty();
        assertThat(http.get("/v2/images/" + UUID.randomUUID() + "/tasks").status()).isEqualTo(404);
    }
}

package io.glance.http;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Error bodies by Accept, request ids, 405 with Allow, bodies where none belong (spec §2, §6). */
@RoutingTest
class ErrorAnswersTest {
    private static final TestApi API = TestApi.singleStore();
    private final Http http;

    ErrorAnswersTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    @Test
    void glanceclientsAcceptGetsWebobsHtmlPage() {
        String id = UUID.randomUUID().toString();
        Http.Reply reply = http.get("/v2/images/" + id, "Accept", "*/*");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(reply.body()).startsWith("<html>\n <head>\n  <title>404 Not Found</title>\n </head>\n <body>\n"
                + "  <h1>404 Not Found</h1>\n  ").contains(id).endsWith("<br /><br />\n\n\n\n </body>\n</html>");
    }

    @Test
    void jsonWhenTheClientAcceptsOnlyJson() {
        Http.Reply reply = http.get("/v2/images/" + UUID.randomUUID(), "Accept", "application/json");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).contains("application/json");
        assertThat(reply.json().get("code").textValue()).isEqualTo("404 Not Found");
        assertThat(reply.json().get("title").textValue()).isEqualTo("Not Found");
        assertThat(reply.json().get("message").textValue()).startsWith("No image found with ID");
    }

    @Test
    void plainTextForAnEmptyAcceptAsOpenstacksdkSendsOnUploads() {
        Http.Reply reply = http.get("/v2/images/" + UUID.randomUUID(), "Accept", "");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        assertThat(reply.body()).startsWith("404 Not Found\n\nNo image found with ID");
    }

    @Test
    void everyAnswerCarriesARequestId() {
        assertThat(http.get("/v2/images").header("x-openstack-request-id"))
                .hasValueSatisfying(id -> assertThat(id).matches("req-[0-9a-f-]{36}"));
        assertThat(http.get("/v2/images/" + UUID.randomUUID()).header("x-openstack-request-id")).isPresent();
        assertThat(http.get("/v2/nowhere").header("x-openstack-request-id")).isPresent();
        assertThat(http.send(Method.PUT, "/v2/images", null).header("x-openstack-request-id")).isPresent();
        assertThat(http.get("/versions").header("x-openstack-request-id")).isPresent();
    }

    @Test
    void anIncomingRequestIdIsReusedWithItsPrefix() {
        assertThat(http.get("/v2/images", "X-Openstack-Request-Id", "req-abc").header("x-openstack-request-id"))
                .contains("req-abc");
        assertThat(http.get("/v2/images", "X-Openstack-Request-Id", "abc").header("x-openstack-request-id"))
                .contains("req-abc");
        Http.Reply tooLong = http.get("/v2/images", "X-Openstack-Request-Id", "x".repeat(65));
        assertThat(tooLong.status()).isEqualTo(431);
        assertThat(tooLong.header("x-openstack-request-id")).isPresent();
    }

    @Test
    void otherMethodsAre405WithAllow() {
        String id = http.create("{}");
        assertAllow(Method.PUT, "/v2/images", "GET, POST");
        assertAllow(Method.POST, "/v2/images/" + id, "GET, PATCH, DELETE");
        assertAllow(Method.DELETE, "/v2/images/" + id + "/file", "GET, HEAD, PUT");
        assertAllow(Method.GET, "/v2/images/" + id + "/tags/t", "PUT, DELETE");
        assertAllow(Method.GET, "/v2/images/" + id + "/actions/deactivate", "POST");
        assertAllow(Method.PUT, "/v2/images/" + id + "/members", "GET, POST");
        assertAllow(Method.POST, "/v2/images/" + id + "/members/p", "GET, PUT, DELETE");
        assertAllow(Method.POST, "/v2/schemas/image", "GET");
        assertAllow(Method.POST, "/v2/info/import", "GET");
    }

    private void assertAllow(Method method, String path, String allow) {
        Http.Reply reply = http.send(method, path, null);
        assertThat(reply.status()).as(method + " " + path).isEqualTo(405);
        assertThat(reply.header("Allow")).as(method + " " + path).contains(allow);
    }

    @Test
    void aBodyWhereNoneBelongsIs400() {
        String id = http.create("{}");
        for (String path : new String[] {"/v2/images/" + id, "/v2/images", "/v2/schemas/image"}) {
            Http.Reply reply = http.send(Method.GET, path, "{}", "Content-Type", "application/json");
            assertThat(reply.status()).as(path).isEqualTo(400);
            assertThat(reply.body()).as(path).contains("A body is not expected with this request");
        }
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/tags/x", "body").status()).isEqualTo(400);
        assertThat(http.send(Method.POST, "/v2/images/" + id + "/actions/deactivate", "body").status())
                .isEqualTo(400);
        assertThat(http.send(Method.DELETE, "/v2/images/" + id, "body").status()).isEqualTo(400);
        assertThat(http.get("/v2/images/" + id).status()).as("still there").isEqualTo(200);
    }

    @Test
    void unknownV2PathsAre404() {
        Http.Reply reply = http.get("/v2/jobs");
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.body()).contains("The resource could not be found.");
        assertThat(http.get("/v2/cache").status()).isEqualTo(404);
        assertThat(http.get("/v2").status()).isEqualTo(404);
        assertThat(http.get("/v2/images/" + UUID.randomUUID() + "/actions/explode").status()).isEqualTo(404);
    }

    @Test
    void aTrailingSlashIs404ForEveryMethodAsInGlance() {
        String id = http.create("{}");
        assertThat(http.send(Method.PUT, "/v2/images/" + id + "/tags/t", null).status()).isEqualTo(204);
        String[] paths = {"/v2/", "/v2/images/", "/v2/images/" + id + "/", "/v2/images/" + id + "/file/",
            "/v2/images/" + id + "/tags/", "/v2/images/" + id + "/tags/t/", "/v2/images/" + id + "/members/",
            "/v2/images/" + id + "/actions/deactivate/", "/v2/images/" + id + "/import/", "/v2/schemas/",
            "/v2/schemas/image/", "/v2/info/import/", "/v2/info/stores/", "/v2/stores/"};
        for (Method method : new Method[] {Method.GET, Method.POST, Method.PUT, Method.PATCH, Method.DELETE}) {
            for (String path : paths) {
                Http.Reply reply = http.send(method, path, null);
                assertThat(reply.status()).as(method + " " + path).isEqualTo(404);
                assertThat(reply.header("Allow")).as(method + " " + path).isEmpty();
            }
        }
        assertThat(http.get("/v2/images").status()).isEqualTo(200);
        assertThat(http.get("/v2/images/" + id).status()).as("DELETE /v2/images/ deleted nothing").isEqualTo(200);
        assertThat(http.get("/v2/images/" + id).json().get("tags")).as("DELETE .../tags/t/ removed nothing")
                .hasSize(1);
    }

    @Test
    void jsonBodiesAboveTheLimitAre413() {
        Http.Reply reply = http.post("/v2/images", "{\"description\": \"" + "x".repeat(1024 * 1024) + "\"}");
        assertThat(reply.status()).isEqualTo(413);
    }
}

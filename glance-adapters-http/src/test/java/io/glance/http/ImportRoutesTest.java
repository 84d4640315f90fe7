package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.testing.InMemoryStagingArea;
import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Interoperable import and the tasks API over HTTP (spec §1 to §3, §9), the use cases over in-memory fakes. */
@RoutingTest
class ImportRoutesTest {
    private static final InMemoryStagingArea STAGING = new InMemoryStagingArea();
    private static final TestApi API = TestApi.withImport(STAGING);
    private final Http http;

    ImportRoutesTest(DirectClient client) {
        this.http = new Http(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        API.register(routing);
    }

    private String image() {
        return http.create("{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
    }

    private Http.Reply stage(String id, String data) {
        return http.send(Method.PUT, "/v2/images/" + id + "/stage", data, "Content-Type",
                "application/octet-stream");
    }

    /**
     * The image's one task once it has ended. As in Glance, the task succeeds after its last change of the image
     * (dropping the import lock, which comes after the status turned active), so this, not the status, marks the end.
     */
    private JsonNode awaitTaskEnd(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode task = http.get("/v2/images/" + id + "/tasks").json().get("tasks").get(0);
        while (task != null && !task.get("status").textValue().matches("success|failure")
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
            task = http.get("/v2/images/" + id + "/tasks").json().get("tasks").get(0);
        }
        return task;
    }

    /** The error page's text, quotes unescaped. */
    private static String text(Http.Reply reply) {
        return reply.body().replace("&#x27;", "'");
    }

    @Test
    void discoveryOffersTheDefaultMethods() {
        JsonNode methods = http.get("/v2/info/import").json().get("import-methods");
        assertThat(methods.get("value")).extracting(JsonNode::textValue)
                .containsExactly("glance-direct", "web-download", "copy-image");
        Http.Reply created = http.post("/v2/images", "{\"name\": \"x\"}");
        assertThat(created.header("OpenStack-image-import-methods"))
                .hasValue("glance-direct,web-download,copy-image");
    }

    @Test
    void glanceDirectEndToEndWithItsTask() throws InterruptedException {
        String id = image();
        Http.Reply staged = stage(id, "0123456789");
        assertThat(staged.status()).as(staged.body()).isEqualTo(204);
        JsonNode uploading = http.get("/v2/images/" + id).json();
        assertThat(uploading.get("status").textValue()).isEqualTo("uploading");
        assertThat(uploading.get("size").longValue()).isEqualTo(10);

        Http.Reply imported = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}", "X-Openstack-Request-Id", "req-import-1");
        assertThat(imported.status()).as(imported.body()).isEqualTo(202);
        assertThat(imported.body()).isEmpty();

        assertThat(awaitTaskEnd(id).get("status").textValue()).isEqualTo("success");
        JsonNode active = http.get("/v2/images/" + id).json();
        assertThat(active.get("status").textValue()).isEqualTo("active");
        assertThat(active.get("checksum").textValue()).isEqualTo("781e5e245d69b566979b86e28d23f2c7");
        assertThat(active.get("os_glance_importing_to_stores").textValue()).isEmpty();
        assertThat(active.has("os_glance_import_task")).isFalse();
        assertThat(http.get("/v2/images/" + id + "/file").body()).isEqualTo("0123456789");

        JsonNode tasks = http.get("/v2/images/" + id + "/tasks").json().get("tasks");
        assertThat(tasks).hasSize(1);
        JsonNode task = tasks.get(0);
        assertThat(task.get("status").textValue()).isEqualTo("success");
        assertThat(task.get("type").textValue()).isEqualTo("api_image_import");
        assertThat(task.get("request_id").textValue()).isEqualTo(imported.header("x-openstack-request-id")
                .orElseThrow());
        assertThat(task.get("input").get("import_req").get("method").get("name").textValue())
                .isEqualTo("glance-direct");
        assertThat(task.get("result").get("image_id").textValue()).isEqualTo(id);

        String taskId = task.get("id").textValue();
        JsonNode shown = http.get("/v2/tasks/" + taskId).json();
        assertThat(shown.get("self").textValue()).isEqualTo("/v2/tasks/" + taskId);
        assertThat(shown.get("expires_at").textValue()).endsWith("Z");
        assertThat(shown.get("message").textValue()).isEmpty();
        JsonNode list = http.get("/v2/tasks?status=success&sort_dir=asc").json();
        assertThat(list.get("tasks")).extracting(entry -> entry.get("id").textValue()).contains(taskId);
        assertThat(list.get("schema").textValue()).isEqualTo("/v2/schemas/tasks");
        assertThat(http.delete("/v2/tasks/" + taskId).status()).isEqualTo(405);
        assertThat(http.get("/v2/tasks/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
        assertThat(http.get("/v2/tasks?status=running").status()).isEqualTo(400);
        assertThat(http.get("/v2/tasks?sort_key=owner").status()).isEqualTo(400);
    }

    @Test
    void badImportBodiesAre400NamingTheProblem() {
        String id = image();
        Http.Reply noMethod = http.post("/v2/images/" + id + "/import", "{}");
        assertThat(noMethod.status()).isEqualTo(400);
        assertThat(text(noMethod)).contains("requires a 'method' field");
        Http.Reply noName = http.post("/v2/images/" + id + "/import", "{\"method\": {}}");
        assertThat(noName.status()).isEqualTo(400);
        assertThat(text(noName)).contains("'name' field");
        Http.Reply unknown = http.post("/v2/images/" + id + "/import", "{\"method\": {\"name\": \"ftp\"}}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(text(unknown)).contains("Unknown import method name 'ftp'");
        Http.Reply notBoolean = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": \"yes\"}");
        assertThat(notBoolean.status()).isEqualTo(400);
        assertThat(notBoolean.body()).contains("all_stores");
        // An unknown method is refused before the image is looked at.
        assertThat(http.post("/v2/images/00000000-0000-0000-0000-000000000000/import",
                "{\"method\": {\"name\": \"ftp\"}}").status()).isEqualTo(400);
        Http.Reply notStaged = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}");
        assertThat(notStaged.status()).isEqualTo(409);
        assertThat(notStaged.body()).contains("staged");
        Http.Reply filtered = http.post("/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"http://169.254.169.254/latest\"}}");
        assertThat(filtered.status()).isEqualTo(400);
        assertThat(filtered.body()).contains("does not pass filtering: http://169.254.169.254/latest");
    }

    @Test
    void stageRefusals() {
        String id = image();
        Http.Reply json = http.send(Method.PUT, "/v2/images/" + id + "/stage", "{}", "Content-Type",
                "application/json");
        assertThat(json.status()).isEqualTo(415);
        assertThat(stage(id, "abc").status()).isEqualTo(204);
        Http.Reply again = stage(id, "abc");
        assertThat(again.status()).isEqualTo(409);
        assertThat(stage("00000000-0000-0000-0000-000000000000", "abc").status()).isEqualTo(404);
    }

    @Test
    void legacyImportTasksRefuseBadInputWith400NamingIt() {
        String good = "\"import_from_format\": \"raw\", \"image_properties\": {\"disk_format\": \"raw\","
                + " \"container_format\": \"bare\"}";
        Map<String, String> refusals = new java.util.LinkedHashMap<>();
        refusals.put("{\"input\": {}}", "'type'");
        refusals.put("{\"type\": \"import\"}", "'input'");
        refusals.put("{\"type\": \"export\", \"input\": {}}", "'export' is not one of");
        refusals.put("{\"type\": \"api_image_import\", \"input\": {}}", "/v2/images/{image_id}/import");
        refusals.put("{\"type\": \"import\", \"input\": {" + good + "}}", "'import_from'");
        refusals.put("{\"type\": \"import\", \"input\": {\"import_from\": \"http://a/b\","
                + " \"image_properties\": {}}}", "'import_from_format'");
        refusals.put("{\"type\": \"import\", \"input\": {\"import_from\": \"http://a/b\","
                + " \"import_from_format\": \"raw\", \"image_properties\": {\"disk_format\": \"raw\"}}}",
                "'container_format'");
        refusals.put("{\"type\": \"import\", \"input\": {\"import_from\": 7, " + good + "}}",
                "Invalid import_from: 7");
        refusals.put("{\"type\": \"import\", \"input\": {\"import_from\": \"ftp://host/x.img\", " + good + "}}",
                "ftp://host/x.img");
        refusals.put("{\"type\": \"import\", \"input\": {\"import_from\": \"file:///etc/passwd\", " + good + "}}",
                "File based imports are not allowed");
        // This API's web-download filter refuses every URI.
        refusals.put("{\"type\": \"import\", \"input\": {\"import_from\": \"http://10.0.0.1/x.img\", " + good
                + "}}", "URI for legacy import task does not pass filtering: http://10.0.0.1/x.img");
        int tasksBefore = http.get("/v2/tasks").json().get("tasks").size();
        refusals.forEach((body, named) -> {
            Http.Reply refused = http.post("/v2/tasks", body);
            assertThat(refused.status()).as(body + ": " + refused.body()).isEqualTo(400);
            assertThat(text(refused)).as(body).contains(named);
        });
        assertThat(http.get("/v2/tasks").json().get("tasks")).hasSize(tasksBefore);
    }
}

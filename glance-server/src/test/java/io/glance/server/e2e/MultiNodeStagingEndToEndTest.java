package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Multi-node staging (spec §2, Glance's distributed import): two glance-api processes on one MariaDB database and
 * one store folder, each with its own staging directory and its own {@code worker_self_reference_url}. Data staged
 * on node A is imported, or its image deleted, through node B: B forwards the request to A (which holds the data)
 * with the caller's headers and request id. With A gone, B answers the import with a 504 naming A and deletes the
 * image itself. The last test stops node A.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiNodeStagingEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static GlanceProcess nodeA;
    private static GlanceProcess nodeB;

    @BeforeAll
    static void startTwoNodes() throws Exception {
        String database = TestDatabases.createMariaDb("glance_e2e_multinode");
        Path images = work.resolve("images");
        int portA = GlanceProcess.reservedPort();
        int portB = GlanceProcess.reservedPort();
        nodeA = GlanceProcess.start(work.resolve("node-a"), portA, "--sql_connection", database,
                "--filesystem_store_datadir", images.toString(),
                "--worker_self_reference_url", "http://127.0.0.1:" + portA);
        nodeB = GlanceProcess.start(work.resolve("node-b"), portB, "--sql_connection", database,
                "--filesystem_store_datadir", images.toString(),
                "--worker_self_reference_url", "http://127.0.0.1:" + portB + "/");
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (GlanceProcess node : new GlanceProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Order(1)
    void dataStagedOnOneNodeIsImportedThroughTheOther() throws Exception {
        String id = createImage(nodeB);
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        assertThat(stage(nodeA, id, data).statusCode()).isEqualTo(204);
        assertThat(Files.exists(staged(nodeA, id))).isTrue();
        // The stage host is recorded but never shown.
        assertThat(image(nodeB, id).has("os_glance_stage_host")).isFalse();

        String requestId = "req-" + UUID.randomUUID();
        HttpResponse<String> accepted = HTTP.send(HttpRequest.newBuilder(nodeB.uri("/v2/images/" + id + "/import"))
                .header("Content-Type", "application/json").header("x-openstack-request-id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString("{\"method\": {\"name\": \"glance-direct\"}}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.headers().firstValue("x-openstack-request-id")).hasValue(requestId);
        JsonNode task = awaitTask(nodeB, id);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        // Node A ran it (B has no staged data): the task carries the caller's request id through the hop.
        assertThat(task.get("request_id").asText()).isEqualTo(requestId);
        JsonNode image = image(nodeB, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(nodeB.uri("/v2/images/" + id + "/file"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(data);
        assertThat(Files.exists(staged(nodeA, id))).as("staged data removed after the import").isFalse();
    }

    @Test
    @Order(2)
    void deletingThroughTheOtherNodeRemovesTheStagedData() throws Exception {
        String id = createImage(nodeA);
        assertThat(stage(nodeA, id, new byte[64 * 1024]).statusCode()).isEqualTo(204);
        assertThat(Files.exists(staged(nodeA, id))).isTrue();

        HttpResponse<String> deleted = send(nodeB, "DELETE", "/v2/images/" + id, null);

        assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(204);
        assertThat(send(nodeA, "GET", "/v2/images/" + id, null).statusCode()).isEqualTo(404);
        assertThat(Files.exists(staged(nodeA, id))).as("node A's staged data").isFalse();
    }

    @Test
    @Order(3)
    void anotherNodesRefusalIsRelayed() throws Exception {
        String id = createImage(nodeA);
        assertThat(stage(nodeA, id, new byte[1024]).statusCode()).isEqualTo(204);

        // all_stores_must_succeed:false without several stores: node A refuses, and B gives its answer.
        HttpResponse<String> refused = send(nodeB, "POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores_must_succeed\": false}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("all_stores_must_succeed");
        assertThat(image(nodeB, id).get("status").asText()).isEqualTo("uploading");
    }

    @Test
    @Order(3)
    void aResumableUploadOpenedOnOneNodeContinuesAndFinishesThroughTheOther() throws Exception {
        TusHttp viaA = new TusHttp(nodeA.uri("/"));
        TusHttp viaB = new TusHttp(nodeB.uri("/"));
        String id = viaB.createImage();
        byte[] data = new byte[400_000];
        new Random(8).nextBytes(data);
        String location = viaA.open(id, data.length);
        String session = location.substring(location.lastIndexOf('/') + 1);
        Path partial = work.resolve("node-a").resolve("staging").resolve(".upload-" + session);

        HttpResponse<String> first = viaB.patch(location, 0, java.util.Arrays.copyOf(data, 150_000));
        assertThat(first.statusCode()).as(first.body()).isEqualTo(204);
        assertThat(first.headers().firstValue("Upload-Offset")).hasValue("150000");
        assertThat(Files.size(partial)).as("node A holds the data").isEqualTo(150_000);
        assertThat(Files.exists(work.resolve("node-b").resolve("staging").resolve(".upload-" + session))).isFalse();
        HttpResponse<String> head = viaB.tus("HEAD", location, null);
        assertThat(head.headers().firstValue("Upload-Offset")).hasValue("150000");
        assertThat(viaB.patch(location, 10, new byte[5]).statusCode()).as("A's 409 relayed").isEqualTo(409);

        HttpResponse<String> last = viaB.patch(location, 150_000, java.util.Arrays.copyOfRange(data, 150_000,
                data.length));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        assertThat(Files.exists(staged(nodeA, id))).isTrue();
        JsonNode active = viaB.importAndWait(id);
        assertThat(active.get("status").asText()).isEqualTo("active");
        assertThat(viaB.download(id)).isEqualTo(data);
    }

    @Test
    @Order(4)
    void withTheStageHostGoneTheImportIs504NamingItAndDeleteHappensHere() throws Exception {
        String id = createImage(nodeA);
        assertThat(stage(nodeA, id, new byte[1024]).statusCode()).isEqualTo(204);
        String nodeAUrl = nodeA.endpoint();
        nodeA.close();
        nodeA = null;

        HttpResponse<String> unavailable = send(nodeB, "POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}}");

        assertThat(unavailable.statusCode()).isEqualTo(504);
        assertThat(unavailable.body()).contains("Stage host " + nodeAUrl + " is unavailable");
        assertThat(image(nodeB, id).get("status").asText()).isEqualTo("uploading");

        assertThat(send(nodeB, "DELETE", "/v2/images/" + id, null).statusCode()).isEqualTo(204);
        assertThat(send(nodeB, "GET", "/v2/images/" + id, null).statusCode()).isEqualTo(404);
    }

    private static Path staged(GlanceProcess node, String id) {
        return work.resolve(node == nodeA ? "node-a" : "node-b").resolve("staging").resolve(id);
    }

    private static HttpResponse<String> send(GlanceProcess node, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(90));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createImage(GlanceProcess node) throws Exception {
        HttpResponse<String> created = send(node, "POST", "/v2/images",
                "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static HttpResponse<String> stage(GlanceProcess node, String id, byte[] data) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(node.uri("/v2/images/" + id + "/stage"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode image(GlanceProcess node, String id) throws Exception {
        HttpResponse<String> response = send(node, "GET", "/v2/images/" + id, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** The image's import task once it has ended. */
    private static JsonNode awaitTask(GlanceProcess node, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode tasks = null;
        while (System.nanoTime() < deadline) {
            tasks = JSON.readTree(send(node, "GET", "/v2/images/" + id + "/tasks", null).body()).get("tasks");
            if (tasks.size() == 1 && !tasks.get(0).get("status").asText().matches("pending|processing")) {
                return tasks.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import task of " + id + " did not end: " + tasks);
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interoperable import through a real glance-registry ({@code data_api: registry}): the tasks live in the registry's
 * database (the Registry API's {@code /tasks}), so /v2/info/import offers the methods, a glance-direct import (stage,
 * then import) ends with the image active and the right checksums, and copy-image adds the second store; both tasks
 * are listed by glance-api and stored in glance-registry.
 */
class RegistryImportEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path work;
    private static GlanceProcess registry;
    private static GlanceProcess api;

    @BeforeAll
    static void start() throws Exception {
        registry = GlanceProcess.startRegistry(work.resolve("registry"));
        api = GlanceProcess.start(work.resolve("api"), "--data_api", "registry", "--registry_host", "127.0.0.1",
                "--registry_port", Integer.toString(registry.port()),
                "--enabled_backends", "fast:file, spare:file", "--default_backend", "fast",
                "--fast.filesystem_store_datadir", work.resolve("fast").toString(),
                "--spare.filesystem_store_datadir", work.resolve("spare").toString());
    }

    @AfterAll
    static void stop() throws Exception {
        for (GlanceProcess process : new GlanceProcess[] {api, registry}) {
            if (process != null) {
                process.close();
            }
        }
    }

    private static HttpResponse<String> send(URI uri, String method, String contentType,
                                             HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(String method, String path, String body) throws Exception {
        HttpResponse<String> answer = send(api.uri(path), method, "application/json",
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isLessThan(300);
        return answer.body().isBlank() ? null : JSON.readTree(answer.body());
    }

    /** The image's tasks once {@code count} of them have ended (at most 60 s). */
    private static JsonNode endedTasks(String id, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tasks = json("GET", "/v2/images/" + id + "/tasks", null).get("tasks");
            long ended = 0;
            for (JsonNode task : tasks) {
                ended += task.get("status").textValue().matches("success|failure") ? 1 : 0;
            }
            if (ended == count) {
                return tasks;
            }
            Thread.sleep(200);
        }
        throw new AssertionError(count + " import task(s) of " + id + " did not end");
    }

    @Test
    void infoOffersTheImportMethods() throws Exception {
        JsonNode methods = json("GET", "/v2/info/import", null).get("import-methods").get("value");
        assertThat(methods).extracting(JsonNode::textValue).contains("glance-direct", "web-download", "copy-image");
    }

    @Test
    void glanceDirectThenCopyImageRunAsTasksKeptByTheRegistry() throws Exception {
        byte[] data = new byte[200 * 1024 + 3];
        new Random(21).nextBytes(data);
        String id = json("POST", "/v2/images", "{\"name\": \"via-registry\", \"disk_format\": \"raw\","
                + " \"container_format\": \"bare\"}").get("id").textValue();
        HttpResponse<String> staged = send(api.uri("/v2/images/" + id + "/stage"), "PUT", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray(data));
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(204);
        json("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"glance-direct\"}}");
        JsonNode first = endedTasks(id, 1).get(0);
        assertThat(first.get("status").textValue()).as(first.toString()).isEqualTo("success");
        JsonNode image = json("GET", "/v2/images/" + id, null);
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("stores").textValue()).isEqualTo("fast");
        assertThat(image.get("os_hash_value").textValue()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-512").digest(data)));

        json("POST", "/v2/images/" + id + "/import", "{\"method\": {\"name\": \"copy-image\"},"
                + " \"stores\": [\"spare\"]}");
        JsonNode both = endedTasks(id, 2);
        assertThat(both).extracting(task -> task.get("status").textValue()).containsOnly("success");
        assertThat(json("GET", "/v2/images/" + id, null).get("stores").textValue()).isEqualTo("fast,spare");

        // The tasks are glance-registry's: its /tasks lists them for the image.
        HttpResponse<String> kept = send(registry.uri("/tasks?image_id=" + id), "GET", null,
                HttpRequest.BodyPublishers.noBody());
        assertThat(kept.statusCode()).as(kept.body()).isEqualTo(200);
        assertThat(JSON.readTree(kept.body()).get("tasks")).hasSize(2);
        assertThat(json("GET", "/v2/tasks?type=api_image_import", null).get("tasks")).hasSizeGreaterThanOrEqualTo(2);
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Import with two file stores (multi-store): glance-direct into named stores, copy-image with the unmodified
 * {@code glance image-import --import-method copy-image --stores ...}, {@code all_stores}, the store checks of
 * POST /import, and DELETE /v2/stores/{store}/{id} of one copy.
 */
class ImportMultiStoreEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static Path home;
    private static Path image;
    private static byte[] data;

    @BeforeAll
    static void start() throws Exception {
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        home = Files.createDirectories(work.resolve("home"));
        glance = GlanceProcess.start(work.resolve("server"), "--enabled_backends", "fast:file, cheap:file, spare:file",
                "--default_backend", "fast", "--fast.filesystem_store_datadir", work.resolve("fast").toString(),
                "--cheap.filesystem_store_datadir", work.resolve("cheap").toString(),
                "--spare.filesystem_store_datadir", work.resolve("spare").toString());
        data = new byte[700_000];
        new Random(5).nextBytes(data);
        image = work.resolve("disk.img");
        Files.write(image, data);
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private static CommandLine.Result glanceCli(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("glance", "--os-image-url", glance.endpoint(),
                "--os-auth-token", "e2e-token", "--os-image-api-version", "2"));
        command.addAll(List.of(args));
        return CommandLine.run(home, command).requireSuccess();
    }

    private static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(glance.uri(path)).timeout(Duration.ofSeconds(30));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode show(String id) throws Exception {
        return JSON.readTree(send("GET", "/v2/images/" + id, null).body());
    }

    /** Waits until no store is pending and the image is active (at most 60 s). */
    private static JsonNode awaitImported(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode image = show(id);
        while (System.nanoTime() < deadline && !(image.get("status").textValue().equals("active")
                && image.path("os_glance_importing_to_stores").asText().isEmpty()
                && !image.has("os_glance_import_task"))) {
            Thread.sleep(200);
            image = show(id);
        }
        return image;
    }

    private static long filesIn(String store, String id) throws Exception {
        try (Stream<Path> files = Files.list(work.resolve(store))) {
            return files.filter(file -> file.getFileName().toString().contains(id)).count();
        }
    }

    private static String stagedImage() throws Exception {
        HttpResponse<String> created = send("POST", "/v2/images",
                "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.headers().firstValue("OpenStack-image-store-ids")).hasValue("fast,cheap,spare");
        String id = JSON.readTree(created.body()).get("id").textValue();
        HttpResponse<String> staged = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/stage"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(image))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(staged.statusCode()).as(staged.body()).isEqualTo(204);
        return id;
    }

    @Test
    void glanceDirectIntoTwoStoresThenCopyToTheThirdWithTheClient() throws Exception {
        String id = stagedImage();
        HttpResponse<String> accepted = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\", \"cheap\"]}");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode imported = awaitImported(id);
        assertThat(imported.get("stores").textValue()).isEqualTo("fast,cheap");
        assertThat(filesIn("fast", id)).isEqualTo(1);
        assertThat(filesIn("cheap", id)).isEqualTo(1);

        glanceCli("image-import", id, "--import-method", "copy-image", "--stores", "spare");
        JsonNode copied = awaitImported(id);
        assertThat(copied.get("stores").textValue()).isEqualTo("fast,cheap,spare");
        assertThat(filesIn("spare", id)).isEqualTo(1);
        assertThat(copied.get("os_hash_value").textValue()).isEqualTo(imported.get("os_hash_value").textValue());
        Matcher tasks = Pattern.compile("success").matcher(glanceCli("image-tasks", id).output());
        assertThat(tasks.results().count()).isEqualTo(2);

        // Copying again to a store that has it: 400 naming it; all_stores with nothing left to do: 202, no task.
        HttpResponse<String> again = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"copy-image\"}, \"stores\": [\"cheap\"]}");
        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.body().replace("&#x27;", "'")).contains("already present at store 'cheap'");
        HttpResponse<String> nothingLeft = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"copy-image\"}, \"all_stores\": true}");
        assertThat(nothingLeft.statusCode()).isEqualTo(202);
        assertThat(JSON.readTree(send("GET", "/v2/images/" + id + "/tasks", null).body()).get("tasks")).hasSize(2);

        // One copy goes; the data stays downloadable from the others.
        assertThat(send("DELETE", "/v2/stores/cheap/" + id, null).statusCode()).isEqualTo(204);
        assertThat(show(id).get("stores").textValue()).isEqualTo("fast,spare");
        assertThat(filesIn("cheap", id)).isZero();
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(data);
    }

    @Test
    void allStoresAndTheStoreChecks() throws Exception {
        String id = stagedImage();
        HttpResponse<String> unknown = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"nowhere\"]}");
        assertThat(unknown.statusCode()).isEqualTo(409);
        assertThat(unknown.body()).contains("nowhere");
        HttpResponse<String> both = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"stores\": [\"fast\"], \"all_stores\": true}");
        assertThat(both.statusCode()).isEqualTo(400);
        assertThat(show(id).get("status").textValue()).isEqualTo("uploading");

        HttpResponse<String> all = send("POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"glance-direct\"}, \"all_stores\": true, \"all_stores_must_succeed\": false}");
        assertThat(all.statusCode()).as(all.body()).isEqualTo(202);
        JsonNode imported = awaitImported(id);
        assertThat(imported.get("stores").textValue()).isEqualTo("fast,cheap,spare");
        assertThat(imported.get("os_glance_failed_import").textValue()).isEmpty();
        assertThat(Files.list(work.resolve("server").resolve("staging")).count()).isZero();
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 during an import (a web-download from nginx throttled to 256 KiB/s, killed while its data streams into
 * staging): after the restart the task is {@code failure}, the image {@code queued} with its store listed as failed
 * and no lock, and neither staging nor the store holds anything of it.
 */
class ImportRestartEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    private static HttpResponse<String> send(GlanceProcess glance, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(glance.uri(path)).timeout(Duration.ofSeconds(30));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long filesOf(Path dir, String id) throws Exception {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).filter(file -> file.getFileName().toString().contains(id))
                    .count();
        }
    }

    @Test
    void aKilledImportIsFailedAndCleanedUpAtRestart() throws Exception {
        RealServers.Nginx nginx = RealServers.nginx();
        Files.write(nginx.docroot().resolve("import-restart.img"), new byte[8 * 1024 * 1024]);
        Path dataDir = work.resolve("server");
        String[] options = {"--import_filtering_opts.allowed_hosts", "127.0.0.1",
            "--import_filtering_opts.allowed_ports", Integer.toString(nginx.port())};
        GlanceProcess glance = GlanceProcess.start(dataDir, options);
        String id;
        try {
            HttpResponse<String> created = send(glance, "POST", "/v2/images",
                    "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
            id = JSON.readTree(created.body()).get("id").textValue();
            HttpResponse<String> accepted = send(glance, "POST", "/v2/images/" + id + "/import",
                    "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + nginx.base()
                            + "/slow/import-restart.img\"}}");
            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            // Wait until the data is streaming into staging (a partial file exists), then kill.
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (filesOf(dataDir.resolve("staging"), id) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(filesOf(dataDir.resolve("staging"), id)).as("partial staged file").isEqualTo(1);
            assertThat(JSON.readTree(send(glance, "GET", "/v2/images/" + id, null).body()).get("status")
                    .textValue()).isEqualTo("importing");
        } finally {
            glance.kill();
        }

        try (GlanceProcess restarted = GlanceProcess.start(dataDir, options)) {
            JsonNode image = JSON.readTree(send(restarted, "GET", "/v2/images/" + id, null).body());
            assertThat(image.get("status").textValue()).isEqualTo("queued");
            assertThat(image.has("os_glance_import_task")).isFalse();
            assertThat(image.get("os_glance_failed_import").textValue()).isEqualTo("file");
            assertThat(image.get("os_glance_importing_to_stores").textValue()).isEmpty();
            JsonNode tasks = JSON.readTree(send(restarted, "GET", "/v2/images/" + id + "/tasks", null).body())
                    .get("tasks");
            assertThat(tasks).hasSize(1);
            assertThat(tasks.get(0).get("status").textValue()).isEqualTo("failure");
            assertThat(tasks.get(0).get("message").textValue()).contains("interrupted");
            assertThat(filesOf(dataDir.resolve("staging"), id)).as("staged data").isZero();
            assertThat(filesOf(dataDir.resolve("images"), id)).as("stored data").isZero();
            assertThat(restarted.log()).contains("failed 1 import task(s) interrupted by the last stop");
        }
    }
}

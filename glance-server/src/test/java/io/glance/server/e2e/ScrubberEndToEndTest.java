package io.glance.server.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code delayed_delete} against a real glance-api with the filesystem store: a deleted image is gone for the API
 * but its data stays, {@code glance-manage image restore} brings one back whole, the scrubber removes the other's data
 * after {@code scrub_time}; a glance-api killed with SIGKILL (one image's data already removed by hand, as by a
 * scrubber cut off between data and status) finishes both at its next start, and nothing else is touched.
 */
class ScrubberEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void pendingDeleteKeepsDataUntilScrubbedAndCanBeRestored() throws Exception {
        Path dataDir = work.resolve("api");
        Path images = work.resolve("images");
        String[] options = {"--filesystem_store_datadir", images.toString(), "--delayed_delete", "true",
                "--scrub_time", "4", "--wakeup_time", "0.5"};
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data);
        String kept;
        String scrubbed;
        String queued;
        try (GlanceProcess glance = GlanceProcess.start(dataDir, options)) {
            kept = imageWithData(glance, data);
            scrubbed = imageWithData(glance, data);
            queued = create(glance);
            for (String id : List.of(kept, scrubbed, queued)) {
                assertThat(send(glance, "DELETE", "/v2/images/" + id).statusCode()).isEqualTo(204);
                assertThat(send(glance, "GET", "/v2/images/" + id).statusCode()).isEqualTo(404);
            }
            assertThat(images.resolve(kept)).exists();
            assertThat(images.resolve(scrubbed)).exists();
        }
        // H2 locks its file: glance-manage works on it while glance-api is stopped.
        CommandLine.Result restore = manage("image", "restore", kept, "--data_dir", dataDir.toString());
        assertThat(restore.exitCode()).as(restore.output()).isZero();
        assertThat(restore.output()).contains("Restored image " + kept + ": active");
        assertThat(manage("image", "restore", queued, "--data_dir", dataDir.toString()).exitCode())
                .as("an image without data is deleted at once").isEqualTo(1);

        try (GlanceProcess glance = GlanceProcess.start(dataDir, options)) {
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + kept
                    + "/file")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(data);
            awaitGone(images.resolve(scrubbed), 20_000);
            assertThat(images.resolve(kept)).exists();
            assertThat(glance.log()).contains("Scrubber: deleted the data of image " + scrubbed);
        }
        CommandLine.Result late = manage("image", "restore", scrubbed, "--data_dir", dataDir.toString());
        assertThat(late.exitCode()).as(late.output()).isEqualTo(1);
        assertThat(late.output()).contains("no image " + scrubbed + " is pending delete");
    }

    @Test
    void aKilledScrubberFinishesAtTheNextStartWithoutHarm() throws Exception {
        Path dataDir = work.resolve("api");
        Path images = work.resolve("images");
        byte[] data = new byte[100_000];
        new Random(6).nextBytes(data);
        List<String> pending = new ArrayList<>();
        String live;
        GlanceProcess first = GlanceProcess.start(dataDir, "--filesystem_store_datadir", images.toString(),
                "--delayed_delete", "true", "--scrub_time", "3600", "--wakeup_time", "0.5");
        try {
            live = imageWithData(first, data);
            for (int i = 0; i < 2; i++) {
                String id = imageWithData(first, data);
                assertThat(send(first, "DELETE", "/v2/images/" + id).statusCode()).isEqualTo(204);
                pending.add(id);
            }
        } finally {
            first.kill();
        }
        // As if a scrubber had removed the first image's data and been killed before it marked the image deleted.
        Files.delete(images.resolve(pending.get(0)));

        try (GlanceProcess glance = GlanceProcess.start(dataDir, "--filesystem_store_datadir", images.toString(),
                "--delayed_delete", "true", "--scrub_time", "0", "--wakeup_time", "0.5")) {
            awaitGone(images.resolve(pending.get(1)), 20_000);
            long deadline = System.currentTimeMillis() + 20_000;
            while (!glance.log().contains("Scrubber: deleted the data of image " + pending.get(0))
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(glance.log()).contains("Scrubber: deleted the data of image " + pending.get(0))
                    .contains("Scrubber: deleted the data of image " + pending.get(1))
                    .doesNotContain("is still there");
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + live
                    + "/file")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.body()).as("the live image is untouched").isEqualTo(data);
        }
        for (String id : pending) {
            assertThat(manage("image", "restore", id, "--data_dir", dataDir.toString()).exitCode()).isEqualTo(1);
        }
    }

    private String imageWithData(GlanceProcess glance, byte[] data) throws Exception {
        String id = create(glance);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(data))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        return id;
    }

    private String create(GlanceProcess glance) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"s\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private HttpResponse<String> send(GlanceProcess glance, String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(glance.uri(path)).method(method, HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void awaitGone(Path file, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertThat(file).doesNotExist();
    }

    /** glance-manage in its own JVM (it exits with its status). */
    private CommandLine.Result manage(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), "io.glance.server.GlanceManage"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf(variable -> variable.startsWith("GLANCE_"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes());
        return new CommandLine.Result(command, process.waitFor(), output);
    }
}

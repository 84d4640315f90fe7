package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Uploads that go wrong against a real glance-api process with the filesystem store: the image must end up
 * {@code queued} with nothing left on disk, whether the body is too large, the client goes away, or the server
 * itself is killed mid-upload.
 */
class UploadFailureEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void bodyAboveImageSizeCapIs413AndLeavesNothingOnDisk() throws Exception {
        try (GlanceProcess glance = GlanceProcess.start(work, "--image_size_cap", "1M")) {
            String id = createImage(glance);
            byte[] body = new byte[2 * 1024 * 1024];
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(response.body()).contains("1048576");
            assertThat(image(glance, id).get("status").asText()).isEqualTo("queued");
            assertThat(filesIn(work.resolve("images"))).isEmpty();
        }
    }

    @Test
    void clientThatDisconnectsMidUploadLeavesImageQueuedAndNoFile() throws Exception {
        try (GlanceProcess glance = GlanceProcess.start(work)) {
            String id = createImage(glance);
            try (Socket socket = startUpload(glance, id, 64L * 1024 * 1024)) {
                sendRandom(socket.getOutputStream(), 4 * 1024 * 1024);
                awaitStatus(glance, id, "saving");
            }
            awaitStatus(glance, id, "queued");
            assertThat(image(glance, id).get("size").isNull()).isTrue();
            assertThat(filesIn(work.resolve("images"))).isEmpty();
        }
    }

    @Test
    void killDuringUploadThenRestartLeavesImageQueuedAndANewUploadSucceeds() throws Exception {
        int port = GlanceProcess.reservedPort();
        String id;
        GlanceProcess first = GlanceProcess.start(work, port);
        try (Socket socket = startUpload(first, id = createImage(first), 256L * 1024 * 1024)) {
            sendRandom(socket.getOutputStream(), 8 * 1024 * 1024);
            awaitStatus(first, id, "saving");
            first.kill();
        }

        try (GlanceProcess second = GlanceProcess.start(work, port)) {
            JsonNode image = image(second, id);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("size").isNull()).isTrue();
            // The partial file of the killed upload may remain until it is a minute old (the driver then removes it
            // at start; younger ones could belong to another server sharing the folder), but nothing refers to it.
            assertThat(publishedFilesIn(work.resolve("images"))).as("no image file was published").isEmpty();
            assertThat(image.get("checksum").isNull()).isTrue();

            byte[] data = new byte[3 * 1024 * 1024 + 17];
            new Random(7).nextBytes(data);
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(second.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(second.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(download.body()).isEqualTo(data);
            assertThat(publishedFilesIn(work.resolve("images"))).containsExactly(id);
        }
    }

    private String createImage(GlanceProcess glance) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"failure\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private JsonNode image(GlanceProcess glance, String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void awaitStatus(GlanceProcess glance, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = image(glance, id).get("status").asText();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("image " + id + " stayed " + seen + ", expected " + status);
    }

    /** A raw socket, so the test controls exactly how much of the body is sent before it goes away. */
    private static Socket startUpload(GlanceProcess glance, String id, long contentLength) throws IOException {
        Socket socket = new Socket("127.0.0.1", glance.port());
        String head = "PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/octet-stream\r\nContent-Length: " + contentLength + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        return socket;
    }

    private static void sendRandom(OutputStream out, int bytes) throws IOException {
        byte[] chunk = new byte[64 * 1024];
        Random random = new Random(1);
        for (int sent = 0; sent < bytes; sent += chunk.length) {
            random.nextBytes(chunk);
            out.write(chunk);
        }
        out.flush();
    }

    /** The files a store has published: everything but the driver's temporary {@code .<id>.*.partial} files. */
    private static List<String> publishedFilesIn(Path dir) throws IOException {
        return filesIn(dir).stream().filter(name -> !(name.startsWith(".") && name.endsWith(".partial"))).toList();
    }

    private static List<String> filesIn(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.testing.images.HostileImages;
import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-image table ({@link HostileImages}) against a real glance-api process, on every ingest path it has:
 * API v2 {@code PUT /file}, API v1 {@code POST} with data and v1 {@code PUT} with data. Each sample gets a 400 naming
 * why, the image is back to {@code queued} (v1: {@code killed}), the filesystem store holds no file, and the server
 * goes on serving: a good qcow2 uploaded last becomes active with qemu-img's virtual size.
 */
class HostileImagesEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static List<HostileImages.Sample> samples;

    @BeforeAll
    static void start() throws Exception {
        samples = HostileImages.all(work.resolve("samples"));
        glance = GlanceProcess.start(work.resolve("glance"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    @Test
    void v2UploadRefusesEachSampleAndKeepsNothing() throws Exception {
        List<String> failures = new ArrayList<>();
        for (HostileImages.Sample sample : samples) {
            String id = createV2(sample.diskFormat());
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(sample.file())).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode image = JSON.readTree(get("/v2/images/" + id).body());
            if (response.statusCode() != 400 || !response.body().contains(sample.reason())
                    || !image.get("status").asText().equals("queued") || !image.get("size").isNull()) {
                failures.add(sample + ": " + response.statusCode() + " " + response.body() + " -> "
                        + image.get("status"));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(storeFiles()).isEmpty();
        aGoodQcow2IsStillAccepted();
    }

    @Test
    void v1PostAndPutWithDataRefuseEachSampleAndKeepNothing() throws Exception {
        V1Http v1 = new V1Http(glance.endpoint());
        List<String> failures = new ArrayList<>();
        for (HostileImages.Sample sample : samples) {
            byte[] data = Files.readAllBytes(sample.file());
            HttpResponse<String> posted = v1.postData(data, "X-Image-Meta-Name", "hostile",
                    "X-Image-Meta-Disk-Format", sample.diskFormat(), "X-Image-Meta-Container-Format", "bare");
            if (posted.statusCode() != 400 || !posted.body().contains(sample.reason())) {
                failures.add("POST " + sample + ": " + posted.statusCode() + " " + posted.body());
            }
            JsonNode queued = v1.create("X-Image-Meta-Name", "hostile-put", "X-Image-Meta-Disk-Format",
                    sample.diskFormat(), "X-Image-Meta-Container-Format", "bare");
            HttpResponse<String> put = v1.send("PUT", "/v1/images/" + queued.get("id").asText(), data,
                    "Content-Type", "application/octet-stream");
            if (put.statusCode() != 400 || !put.body().contains(sample.reason())) {
                failures.add("PUT " + sample + ": " + put.statusCode() + " " + put.body());
            }
        }
        assertThat(failures).isEmpty();
        assertThat(storeFiles()).isEmpty();
        aGoodQcow2IsStillAccepted();
    }

    private void aGoodQcow2IsStillAccepted() throws Exception {
        Path good = QemuImg.create(work.resolve("good-" + System.nanoTime() + ".qcow2"), "qcow2", "5M");
        String id = createV2("qcow2");
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofFile(good)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        JsonNode image = JSON.readTree(get("/v2/images/" + id).body());
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("virtual_size").asLong()).isEqualTo(QemuImg.virtualSize(good, "qcow2"));
        assertThat(image.get("size").asLong()).isEqualTo(Files.size(good));
        HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
    }

    private static String createV2(String diskFormat) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"hostile\",\"disk_format\":\"" + diskFormat
                        + "\",\"container_format\":\"bare\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(glance.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Every file in the filesystem store, temporary ones included. */
    private static List<String> storeFiles() throws IOException {
        Path dir = work.resolve("glance").resolve("images");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).toList();
        }
    }
}

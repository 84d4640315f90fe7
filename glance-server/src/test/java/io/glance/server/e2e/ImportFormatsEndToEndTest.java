package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.testing.images.HostileImages;
import io.glance.testing.images.QemuImg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Format inspection and image_conversion on the import paths of a real glance-api (image_import_plugins:
 * image_conversion, output raw): the hostile-image table through PUT /stage (400 naming why) and through web-download
 * from the suite's nginx (the task fails naming why), nothing left in staging or in the store, the server still
 * serving; a qcow2 imported with glance-direct, and one with web-download (image_conversion is listed first, so it
 * converts while the download arrives, and the hostile samples meet it there too), becomes raw bytes that
 * {@code qemu-img compare} finds identical to the source, with size, checksum and os_hash_value of the converted
 * bytes; a conversion killed by its CPU limit fails the task cleanly.
 */
class ImportFormatsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path work;
    private static GlanceProcess glance;
    private static List<HostileImages.Sample> samples;
    private static String httpBase;
    private static Path docroot;

    @BeforeAll
    static void start() throws Exception {
        samples = HostileImages.all(work.resolve("samples"));
        httpBase = System.getProperty("glance.test.http.base");
        String root = System.getProperty("glance.test.http.docroot");
        docroot = root == null ? null : Path.of(root);
        List<String> options = new ArrayList<>(List.of("--image_import_opts.image_import_plugins",
                "image_conversion,no_op", "--image_conversion.output_format", "raw"));
        if (httpBase != null) {
            options.addAll(List.of("--import_filtering_opts.allowed_hosts", "127.0.0.1",
                    "--import_filtering_opts.allowed_ports", Integer.toString(URI.create(httpBase).getPort())));
        }
        glance = GlanceProcess.start(work.resolve("server"), options.toArray(String[]::new));
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    @Test
    void stagingRefusesEachHostileSampleAndKeepsNothing() throws Exception {
        // Other tests of this class may have stored good images meanwhile; these must add none.
        List<String> stored = files(work.resolve("server/images"));
        List<String> failures = new ArrayList<>();
        for (HostileImages.Sample sample : samples) {
            String id = create(glance, sample.diskFormat());
            HttpResponse<String> staged = HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/stage"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(sample.file())).build(),
                    HttpResponse.BodyHandlers.ofString());
            String status = image(glance, id).get("status").asText();
            if (staged.statusCode() != 400 || !staged.body().contains(sample.reason()) || !status.equals("queued")) {
                failures.add(sample + ": " + staged.statusCode() + " " + staged.body() + " -> " + status);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(files(work.resolve("server/staging"))).isEmpty();
        assertThat(files(work.resolve("server/images"))).isEqualTo(stored);
        assertThat(get(glance, "/versions").statusCode()).isEqualTo(200);
    }

    @Test
    void webDownloadOfEachHostileSampleFailsItsTaskAndKeepsNothing() throws Exception {
        Assumptions.assumeTrue(httpBase != null, "needs the suite's nginx (glance.test.http.base)");
        List<String> stored = files(work.resolve("server/images"));
        List<String> failures = new ArrayList<>();
        for (HostileImages.Sample sample : samples) {
            String name = "hostile-" + System.nanoTime() + "-" + sample.file().getFileName();
            Files.copy(sample.file(), docroot.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            String id = create(glance, sample.diskFormat());
            HttpResponse<String> imported = importImage(glance, id, "{\"method\":{\"name\":\"web-download\","
                    + "\"uri\":\"" + httpBase + "/" + name + "\"}}");
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(202);
            JsonNode task = awaitTaskEnd(glance, id);
            String status = image(glance, id).get("status").asText();
            if (!task.get("status").asText().equals("failure") || !task.get("message").asText()
                    .contains(sample.reason()) || !status.equals("queued")) {
                failures.add(sample + ": task " + task + " -> image " + status);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(files(work.resolve("server/staging"))).isEmpty();
        assertThat(files(work.resolve("server/images"))).isEqualTo(stored);
    }

    @Test
    void aQcow2ImportedWithConversionBecomesRawIdenticalToTheSource() throws Exception {
        Path raw = randomRaw(work.resolve("source.raw"), 8 << 20);
        Path qcow2 = QemuImg.convert(raw, "raw", work.resolve("source.qcow2"), "qcow2");
        String id = create(glance, "qcow2");
        stage(glance, id, qcow2);
        assertThat(importImage(glance, id, "{\"method\":{\"name\":\"glance-direct\"}}").statusCode())
                .isEqualTo(202);
        JsonNode image = awaitStatus(glance, id, "active");

        assertConvertedFrom(id, image, qcow2, "downloaded.raw");
    }

    @Test
    void aQcow2WebDownloadedWithConversionBecomesRawIdenticalToTheSource() throws Exception {
        Assumptions.assumeTrue(httpBase != null, "needs the suite's nginx (glance.test.http.base)");
        Path raw = randomRaw(work.resolve("arriving.raw"), 8 << 20);
        String name = "arriving-" + System.nanoTime() + ".qcow2";
        Path qcow2 = QemuImg.convert(raw, "raw", docroot.resolve(name), "qcow2");
        String id = create(glance, "qcow2");
        assertThat(importImage(glance, id, "{\"method\":{\"name\":\"web-download\",\"uri\":\"" + httpBase + "/"
                + name + "\"}}").statusCode()).isEqualTo(202);
        JsonNode image = awaitStatus(glance, id, "active");

        assertConvertedFrom(id, image, qcow2, "arriving-downloaded.raw");
    }

    /** The image holds the raw conversion of {@code qcow2}, described by its attributes; nothing is left staged. */
    private void assertConvertedFrom(String id, JsonNode image, Path qcow2, String downloadName) throws Exception {
        Path downloaded = work.resolve(downloadName);
        HTTP.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file")).build(),
                HttpResponse.BodyHandlers.ofFile(downloaded));
        assertThat(QemuImg.run(List.of("qemu-img", "compare", "-f", "raw", "-F", "qcow2", downloaded.toString(),
                qcow2.toString()))).contains("Images are identical");
        byte[] bytes = Files.readAllBytes(downloaded);
        assertThat(image.get("disk_format").asText()).isEqualTo("raw");
        assertThat(image.get("container_format").asText()).isEqualTo("bare");
        assertThat(image.get("size").asLong()).isEqualTo(bytes.length).isEqualTo(8L << 20);
        assertThat(image.get("virtual_size").asLong()).isEqualTo(QemuImg.virtualSize(qcow2, "qcow2"));
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", bytes));
        assertThat(image.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", bytes));
        // The store took qemu-img's output file itself and the digests come from their own read of it: they must
        // be those of the same conversion done by hand.
        byte[] byHand = Files.readAllBytes(QemuImg.convert(qcow2, "qcow2", work.resolve("by-hand-" + downloadName),
                "raw"));
        assertThat(image.get("os_hash_value").asText()).isEqualTo(hex("SHA-512", byHand));
        assertThat(image.get("checksum").asText()).isEqualTo(hex("MD5", byHand));
        assertThat(files(work.resolve("server/staging"))).isEmpty();
    }

    @Test
    void aConversionKilledByItsCpuLimitFailsTheTaskCleanly() throws Exception {
        Path raw = lowEntropyRaw(work.resolve("big.raw"), 96 << 20);
        try (GlanceProcess limited = GlanceProcess.start(work.resolve("limited"),
                "--image_import_opts.image_import_plugins", "image_conversion", "--image_conversion.output_format",
                "vmdk", "--image_conversion.cpu_time_limit", "1")) {
            String id = create(limited, "raw");
            stage(limited, id, raw);
            assertThat(importImage(limited, id, "{\"method\":{\"name\":\"glance-direct\"}}").statusCode())
                    .isEqualTo(202);
            JsonNode task = awaitTaskEnd(limited, id);
            assertThat(task.get("status").asText()).isEqualTo("failure");
            assertThat(task.get("message").asText()).contains("qemu-img convert was killed by its limits (CPU time 1 s");
            JsonNode image = image(limited, id);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("disk_format").asText()).isEqualTo("raw");
            assertThat(files(work.resolve("limited/staging"))).isEmpty();
            assertThat(files(work.resolve("limited/images"))).isEmpty();
            assertThat(get(limited, "/versions").statusCode()).isEqualTo(200);
        }
    }

    private static String create(GlanceProcess server, String diskFormat) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"formats\",\"disk_format\":\"" + diskFormat
                        + "\",\"container_format\":\"bare\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private static void stage(GlanceProcess server, String id, Path data) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.uri("/v2/images/" + id + "/stage"))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofFile(data))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static HttpResponse<String> importImage(GlanceProcess server, String id, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri("/v2/images/" + id + "/import"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(GlanceProcess server, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode image(GlanceProcess server, String id) throws Exception {
        return JSON.readTree(get(server, "/v2/images/" + id).body());
    }

    private static JsonNode awaitStatus(GlanceProcess server, String id, String status) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        JsonNode image = image(server, id);
        while (!image.get("status").asText().equals(status) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            image = image(server, id);
        }
        assertThat(image.get("status").asText()).as(image.toString()).isEqualTo(status);
        return image;
    }

    /** The image's one import task once it has ended (success or failure). */
    private static JsonNode awaitTaskEnd(GlanceProcess server, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            JsonNode tasks = JSON.readTree(get(server, "/v2/images/" + id + "/tasks").body()).get("tasks");
            if (tasks.size() == 1) {
                String status = tasks.get(0).get("status").asText();
                if ((status.equals("failure") || status.equals("success"))
                        && !image(server, id).get("status").asText().equals("importing")) {
                    return tasks.get(0);
                }
            }
            assertThat(System.nanoTime()).as("task of image " + id + ": " + tasks).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static Path randomRaw(Path file, int size) throws IOException {
        Random random = new Random(11);
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.setLength(size);
            byte[] chunk = new byte[64 * 1024];
            // Data in every third chunk, zeros between: qemu-img's zero detection and the data paths both matter.
            for (long at = 0; at < size; at += 3L * chunk.length) {
                random.nextBytes(chunk);
                out.seek(at);
                out.write(chunk);
            }
        }
        return file;
    }

    /** Text of 16 letters: deflating it for a streamOptimized VMDK takes seconds of CPU. */
    private static Path lowEntropyRaw(Path file, int size) throws IOException {
        Random random = new Random(5);
        byte[] chunk = new byte[1 << 20];
        try (var out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                for (int i = 0; i < chunk.length; i++) {
                    chunk[i] = (byte) ('a' + random.nextInt(16));
                }
                out.write(chunk);
            }
        }
        return file;
    }

    private static String hex(String algorithm, byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    }

    private static List<String> files(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(Path::toString).sorted().toList();
        }
    }
}

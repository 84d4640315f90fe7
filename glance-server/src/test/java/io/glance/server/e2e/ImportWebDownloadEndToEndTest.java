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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * web-download against the suite's real nginx (spec §7 and beyond): a glance-api with the default filter (nginx's
 * port added to {@code allowed_ports}) refuses 127.0.0.1, 169.254.169.254 and a name that resolves to a private
 * address; one that lists 127.0.0.1 in {@code allowed_hosts} downloads from nginx (the unmodified
 * {@code glance image-create-via-import}), but refuses nginx's redirect to the metadata address and a body larger
 * than {@code image_size_cap}. Every refusal leaves the image {@code queued} and nothing in staging or in the store.
 */
class ImportWebDownloadEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ID_ROW = Pattern.compile("\\|\\s*id\\s*\\|\\s*([0-9a-f-]{36})\\s*\\|");
    private static final long CAP = 2 * 1024 * 1024;

    @TempDir
    static Path work;
    private static RealServers.Nginx nginx;
    private static GlanceProcess strict;
    private static GlanceProcess trusting;
    private static Path home;
    private static byte[] data;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        nginx = RealServers.nginx();
        CommandLine.requireInstalled("glance", "python3-glanceclient");
        home = Files.createDirectories(work.resolve("home"));
        data = new byte[(int) (CAP / 2) + 123];
        new Random(11).nextBytes(data);
        Files.write(nginx.docroot().resolve("import-small.img"), data);
        byte[] big = new byte[(int) CAP + 1];
        Files.write(nginx.docroot().resolve("import-too-big.img"), big);
        Path hosts = work.resolve("hosts");
        Files.writeString(hosts, "10.20.30.40 private.glance.test\n127.0.0.1 localhost\n");
        String port = Integer.toString(nginx.port());
        strict = GlanceProcess.startWithHostsFile(work.resolve("strict"), hosts,
                "--import_filtering_opts.allowed_ports", "80," + port);
        trusting = GlanceProcess.start(work.resolve("trusting"), "--image_size_cap", Long.toString(CAP),
                "--import_filtering_opts.allowed_hosts", "127.0.0.1",
                "--import_filtering_opts.allowed_ports", "80," + port);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GlanceProcess glance : new GlanceProcess[] {strict, trusting}) {
            if (glance != null) {
                glance.close();
            }
        }
    }

    private static HttpResponse<String> send(GlanceProcess glance, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(glance.uri(path)).timeout(Duration.ofSeconds(30));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String create(GlanceProcess glance) throws Exception {
        HttpResponse<String> created = send(glance, "POST", "/v2/images",
                "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").textValue();
    }

    private static HttpResponse<String> webDownload(GlanceProcess glance, String id, String uri) throws Exception {
        return send(glance, "POST", "/v2/images/" + id + "/import",
                "{\"method\": {\"name\": \"web-download\", \"uri\": \"" + uri + "\"}}");
    }

    private static JsonNode image(GlanceProcess glance, String id) throws Exception {
        return JSON.readTree(send(glance, "GET", "/v2/images/" + id, null).body());
    }

    /** The task of the image once it has ended (at most 60 s). */
    private static JsonNode endedTask(GlanceProcess glance, String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode tasks = JSON.readTree(send(glance, "GET", "/v2/images/" + id + "/tasks", null).body())
                    .get("tasks");
            if (tasks.size() == 1 && !tasks.get(0).get("status").textValue().matches("pending|processing")) {
                return tasks.get(0);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the import task of " + id + " did not end");
    }

    /** The image is queued, and neither staging nor the store holds anything of it. */
    private static void assertNothingKept(GlanceProcess glance, String name, String id) throws Exception {
        JsonNode image = image(glance, id);
        assertThat(image.get("status").textValue()).isEqualTo("queued");
        assertThat(image.get("size").isNull()).isTrue();
        Path dataDir = work.resolve(name);
        try (Stream<Path> files = Files.walk(dataDir)) {
            assertThat(files.filter(Files::isRegularFile).map(Path::toString)
                    .filter(file -> file.contains(id) || file.endsWith(".partial")))
                    .as("files of image " + id + " under " + dataDir).isEmpty();
        }
    }

    @Test
    void loopbackMetadataAndPrivateNamesAreRefusedWith400() throws Exception {
        for (String uri : List.of(nginx.base() + "/import-small.img", "http://169.254.169.254/latest/meta-data/",
                "http://private.glance.test/disk.img", "http://[::1]:" + nginx.port() + "/import-small.img")) {
            String id = create(strict);
            HttpResponse<String> refused = webDownload(strict, id, uri);
            assertThat(refused.statusCode()).as(uri + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("does not pass filtering").contains(uri);
            assertNothingKept(strict, "strict", id);
            assertThat(JSON.readTree(send(strict, "GET", "/v2/images/" + id + "/tasks", null).body()).get("tasks"))
                    .isEmpty();
        }
        assertThat(webDownload(strict, create(strict), "file:///etc/passwd").statusCode()).isEqualTo(400);
    }

    @Test
    void anAllowedHostDownloadsWithTheUnmodifiedClient() throws Exception {
        // glanceclient refuses web-download when its stdin is not a terminal (it takes that as data on stdin), so
        // it runs under script(1), on a pseudo-terminal, as from a shell.
        String glance = String.join(" ", "glance", "--os-image-url", trusting.endpoint(), "--os-auth-token",
                "e2e-token", "--os-image-api-version", "2", "image-create-via-import", "--name", "from-nginx",
                "--disk-format", "raw", "--container-format", "bare", "--import-method", "web-download", "--uri",
                nginx.base() + "/import-small.img");
        String created = CommandLine.run(home, List.of("script", "-qec", glance, "/dev/null")).requireSuccess()
                .output();
        Matcher id = ID_ROW.matcher(created);
        assertThat(id.find()).as(created).isTrue();
        JsonNode task = endedTask(trusting, id.group(1));
        assertThat(task.get("status").textValue()).as(task.toString()).isEqualTo("success");
        JsonNode image = image(trusting, id.group(1));
        assertThat(image.get("status").textValue()).isEqualTo("active");
        assertThat(image.get("size").longValue()).isEqualTo(data.length);
        HttpResponse<byte[]> download = HTTP.send(HttpRequest.newBuilder(trusting.uri("/v2/images/" + id.group(1)
                + "/file")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(data);
    }

    @Test
    void aRedirectToTheMetadataAddressFailsTheTask() throws Exception {
        String id = create(trusting);
        HttpResponse<String> accepted = webDownload(trusting, id, nginx.base() + "/redirect-to-metadata");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode task = endedTask(trusting, id);
        assertThat(task.get("status").textValue()).isEqualTo("failure");
        assertThat(task.get("message").textValue()).contains("redirected to http://169.254.169.254/latest/meta-data/")
                .contains("does not pass filtering");
        assertNothingKept(trusting, "trusting", id);
        assertThat(image(trusting, id).get("os_glance_failed_import").textValue()).isEqualTo("file");
    }

    @Test
    void aBodyOverTheCapFailsTheTaskAndStagesNothing() throws Exception {
        String id = create(trusting);
        HttpResponse<String> accepted = webDownload(trusting, id, nginx.base() + "/import-too-big.img");
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode task = endedTask(trusting, id);
        assertThat(task.get("status").textValue()).isEqualTo("failure");
        assertThat(task.get("message").textValue()).contains("image_size_cap");
        assertNothingKept(trusting, "trusting", id);
    }
}

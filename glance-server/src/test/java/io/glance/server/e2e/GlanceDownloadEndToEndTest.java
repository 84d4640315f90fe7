package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * glance-download (spec §6) between two glance-api processes behind the suite's Keystone, each in a region of its
 * own in the catalog: the local node finds the remote region's image endpoint in the caller's catalog, reads the
 * remote image with the caller's token, copies its formats and the properties Glance copies (hw_, os_distro...; not
 * a custom one), streams its data through staging into the store, and the image becomes active with the same bytes.
 * A missing remote image, or one that is not active, fails the task and leaves the image queued as it was. Both
 * regions are removed from the shared Keystone afterwards (Tempest refuses extra image services).
 */
@ResourceLock(SharedResources.KEYSTONE_IMAGE_CATALOG)
class GlanceDownloadEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path work;
    private static KeystoneServer localKeystone;
    private static KeystoneServer remoteKeystone;
    private static String localRegion;
    private static String remoteRegion;
    private static GlanceProcess local;
    private static GlanceProcess remote;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        // Two fixture instances: each registers its endpoint in a region of its own.
        localKeystone = KeystoneServer.fromSuite();
        remoteKeystone = KeystoneServer.fromSuite();
        KeystoneServer.User alice = localKeystone.user("alice", "alpha", localKeystone.project("alpha"), "member");
        KeystoneServer.User service = localKeystone.user("glance", "service", localKeystone.project("service"),
                "service");
        int localPort = GlanceProcess.reservedPort();
        int remotePort = GlanceProcess.reservedPort();
        localRegion = localKeystone.registerImageEndpoint("http://127.0.0.1:" + localPort);
        remoteRegion = remoteKeystone.registerImageEndpoint("http://127.0.0.1:" + remotePort + "/");
        String[] auth = {"--auth_strategy", "keystone", "--keystone_authtoken.auth_url", localKeystone.authUrl,
            "--keystone_authtoken.username", service.name(), "--keystone_authtoken.password", service.password(),
            "--keystone_authtoken.project_name", service.project()};
        remote = GlanceProcess.start(work.resolve("remote"), remotePort, auth);
        local = GlanceProcess.start(work.resolve("local"), localPort, concat(auth, "--enabled_import_methods",
                "glance-direct,web-download,copy-image,glance-download",
                "--import_filtering_opts.allowed_hosts", "127.0.0.1",
                "--import_filtering_opts.allowed_ports", Integer.toString(remotePort)));
        token = localKeystone.token(alice);
    }

    @AfterAll
    static void stop() throws Exception {
        for (GlanceProcess node : new GlanceProcess[] {local, remote}) {
            if (node != null) {
                node.close();
            }
        }
        if (localRegion != null) {
            localKeystone.unregisterImageEndpoint(localRegion);
        }
        if (remoteRegion != null) {
            remoteKeystone.unregisterImageEndpoint(remoteRegion);
        }
    }

    @Test
    void anActiveRemoteImageIsCopiedWithItsFormatsAndGlancesPropertiesAndData() throws Exception {
        String source = create(remote, "{\"name\": \"src\", \"disk_format\": \"raw\", \"container_format\": \"bare\","
                + " \"hw_cpu_cores\": \"2\", \"os_distro\": \"debian\", \"os_type\": \"linux\","
                + " \"speed\": \"fast\"}");
        byte[] data = new byte[2 * 1024 * 1024 + 5];
        new Random(3).nextBytes(data);
        HttpResponse<String> uploaded = HTTP.send(request(remote, "/v2/images/" + source + "/file")
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
        String target = create(local, "{\"name\": \"copy\", \"disk_format\": \"qcow2\", \"container_format\": \"ovf\","
                + " \"os_distro\": \"old\"}");
        assertThat(JSON.readTree(send(local, "GET", "/v2/info/import", null).body()).at("/import-methods/value")
                .toString()).contains("glance-download");

        HttpResponse<String> accepted = importFrom(target, remoteRegion.toLowerCase(), source);

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode task = awaitTask(target);
        assertThat(task.get("status").asText()).as(task.toString()).isEqualTo("success");
        JsonNode image = image(target);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("disk_format").asText()).isEqualTo("raw");
        assertThat(image.get("container_format").asText()).isEqualTo("bare");
        assertThat(image.get("hw_cpu_cores").asText()).isEqualTo("2");
        assertThat(image.get("os_type").asText()).isEqualTo("linux");
        assertThat(image.get("os_distro").asText()).as("overwritten").isEqualTo("debian");
        assertThat(image.has("speed")).as("not a property Glance copies").isFalse();
        assertThat(image.get("size").asLong()).isEqualTo(data.length);
        HttpResponse<byte[]> download = HTTP.send(request(local, "/v2/images/" + target + "/file").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.body()).isEqualTo(data);
        assertThat(stagedFiles()).isZero();
    }

    @Test
    void aMissingOrInactiveRemoteImageFailsTheTaskAndLeavesTheImageQueuedAsItWas() throws Exception {
        String queuedRemote = create(remote, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");
        for (String source : new String[] {UUID.randomUUID().toString(), queuedRemote}) {
            String target = create(local, "{\"disk_format\": \"qcow2\", \"container_format\": \"bare\","
                    + " \"os_distro\": \"old\"}");

            HttpResponse<String> accepted = importFrom(target, remoteRegion, source);

            assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
            JsonNode task = awaitTask(target);
            assertThat(task.get("status").asText()).isEqualTo("failure");
            assertThat(task.get("message").asText()).contains(source.equals(queuedRemote)
                    ? "Source image status should be active instead of queued" : "was not found");
            JsonNode image = image(target);
            assertThat(image.get("status").asText()).isEqualTo("queued");
            assertThat(image.get("disk_format").asText()).isEqualTo("qcow2");
            assertThat(image.get("os_distro").asText()).isEqualTo("old");
        }
        assertThat(stagedFiles()).isZero();
    }

    @Test
    void badRequestsAreRefusedBeforeATaskExists() throws Exception {
        String target = create(local, "{\"disk_format\": \"raw\", \"container_format\": \"bare\"}");

        HttpResponse<String> noRegion = send(local, "POST", "/v2/images/" + target + "/import",
                "{\"method\": {\"name\": \"glance-download\", \"glance_image_id\": \"" + UUID.randomUUID() + "\"}}");
        HttpResponse<String> notUuid = send(local, "POST", "/v2/images/" + target + "/import",
                "{\"method\": {\"name\": \"glance-download\", \"glance_region\": \"" + remoteRegion
                        + "\", \"glance_image_id\": \"not-a-uuid\"}}");

        assertThat(noRegion.statusCode()).isEqualTo(400);
        assertThat(noRegion.body()).contains("glance_region");
        assertThat(notUuid.statusCode()).isEqualTo(400);
        assertThat(notUuid.body()).contains("not-a-uuid");
        assertThat(JSON.readTree(send(local, "GET", "/v2/images/" + target + "/tasks", null).body()).get("tasks"))
                .isEmpty();
    }

    private static long stagedFiles() throws Exception {
        Path staging = work.resolve("local").resolve("staging");
        if (!Files.exists(staging)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(staging)) {
            return files.count();
        }
    }

    private static HttpResponse<String> importFrom(String target, String region, String source) throws Exception {
        return send(local, "POST", "/v2/images/" + target + "/import", "{\"method\": {\"name\": \"glance-download\","
                + " \"glance_region\": \"" + region + "\", \"glance_image_id\": \"" + source + "\"}}");
    }

    private static String[] concat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private static HttpRequest.Builder request(GlanceProcess node, String path) {
        return HttpRequest.newBuilder(URI.create(node.endpoint() + path)).timeout(Duration.ofSeconds(60))
                .header("X-Auth-Token", token);
    }

    private static HttpResponse<String> send(GlanceProcess node, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = request(node, path).method(method, json == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String create(GlanceProcess node, String json) throws Exception {
        HttpResponse<String> created = send(node, "POST", "/v2/images", json);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return JSON.readTree(created.body()).get("id").asText();
    }

    private static JsonNode image(String id) throws Exception {
        HttpResponse<String> response = send(local, "GET", "/v2/images/" + id, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode awaitTask(String id) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode tasks = null;
        while (System.nanoTime() < deadline) {
            tasks = JSON.readTree(send(local, "GET", "/v2/images/" + id + "/tasks", null).body()).get("tasks");
            if (tasks != null && tasks.size() == 1
                    && !tasks.get(0).get("status").asText().matches("pending|processing")) {
                return tasks.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the import task of " + id + " did not end: " + tasks);
    }
}

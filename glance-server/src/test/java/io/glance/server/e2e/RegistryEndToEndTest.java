package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * glance-registry as its own process: the Registry API cases of the v1 spec (§11 row 16) against it, and glance-api
 * with {@code data_api: registry} keeping all its metadata there (the registry on the real MariaDB of bin/test).
 */
class RegistryEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    /** §11 row 16, on the embedded database, so that it runs everywhere. */
    @Test
    void case16_registryCreatesValidatesUpdatesAndDeletesAsCactusDid() throws Exception {
        try (GlanceProcess registry = GlanceProcess.startRegistry(work.resolve("registry"))) {
            HttpResponse<String> created = send(registry, "POST", "/images", "{\"image\":{\"name\":\"fake image #2\","
                    + "\"is_public\":true,\"disk_format\":\"vhd\",\"container_format\":\"ovf\"}}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(200);
            JsonNode image = JSON.readTree(created.body()).get("image");
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("is_public").asBoolean()).isTrue();
            String id = image.get("id").asText();
            assertThat(UUID.fromString(id)).isNotNull();

            HttpResponse<String> badStatus = send(registry, "POST", "/images",
                    "{\"image\":{\"name\":\"x\",\"status\":\"bad status\"}}");
            assertThat(badStatus.statusCode()).isEqualTo(400);
            assertThat(badStatus.body()).contains("Invalid image status");
            HttpResponse<String> badMix = send(registry, "POST", "/images",
                    "{\"image\":{\"name\":\"x\",\"disk_format\":\"aki\",\"container_format\":\"ari\"}}");
            assertThat(badMix.statusCode()).isEqualTo(400);
            assertThat(badMix.body()).contains("Invalid mix");
            HttpResponse<String> badUpdate = send(registry, "PUT", "/images/" + id,
                    "{\"image\":{\"container_format\":\"ari\"}}");
            assertThat(badUpdate.statusCode()).isEqualTo(400);
            assertThat(badUpdate.body()).contains("Invalid mix");

            String missing = UUID.randomUUID().toString();
            assertThat(send(registry, "PUT", "/images/" + missing, "{\"image\":{\"name\":\"y\"}}").statusCode())
                    .isEqualTo(404);
            assertThat(send(registry, "DELETE", "/images/" + missing, null).statusCode()).isEqualTo(404);

            JsonNode listed = JSON.readTree(send(registry, "GET", "/images", null).body()).get("images");
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0).get("id").asText()).isEqualTo(id);
            assertThat(listed.get(0).has("status")).as("the short listing has Cactus's six fields").isFalse();

            assertThat(send(registry, "DELETE", "/images/" + id, null).statusCode()).isEqualTo(200);
            assertThat(send(registry, "GET", "/images/" + id, null).statusCode()).isEqualTo(404);
            assertThat(JSON.readTree(send(registry, "GET", "/images/detail", null).body()).get("images")).isEmpty();
        }
    }

    @Test
    void propertiesAreUpsertedOrPurgedOnRequest() throws Exception {
        try (GlanceProcess registry = GlanceProcess.startRegistry(work.resolve("registry"))) {
            String id = JSON.readTree(send(registry, "POST", "/images", "{\"image\":{\"name\":\"p\","
                    + "\"properties\":{\"distro\":\"ubuntu\",\"arch\":\"x86_64\"}}}").body()).get("image")
                    .get("id").asText();
            JsonNode upserted = JSON.readTree(send(registry, "PUT", "/images/" + id,
                    "{\"image\":{\"properties\":{\"arch\":\"aarch64\"}}}").body()).get("image").get("properties");
            assertThat(upserted.get("distro").asText()).isEqualTo("ubuntu");
            assertThat(upserted.get("arch").asText()).isEqualTo("aarch64");
            HttpRequest purge = HttpRequest.newBuilder(registry.uri("/images/" + id))
                    .header("Content-Type", "application/json").header("X-Glance-Registry-Purge-Props", "true")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"image\":{\"properties\":{\"arch\":\"s390x\"}}}"))
                    .build();
            JsonNode purged = JSON.readTree(http.send(purge, HttpResponse.BodyHandlers.ofString()).body())
                    .get("image").get("properties");
            assertThat(purged.size()).isEqualTo(1);
            assertThat(purged.get("arch").asText()).isEqualTo("s390x");
        }
    }

    /** Issue 5's end-to-end: glance-api stateless, every piece of metadata in glance-registry on MariaDB. */
    @Test
    void glanceApiKeepsItsMetadataInTheRegistry() throws Exception {
        String database = TestDatabases.createMariaDb("glance_registry");
        try (GlanceProcess registry = GlanceProcess.startRegistry(work.resolve("registry"),
                "--sql_connection", database);
             GlanceProcess api = GlanceProcess.start(work.resolve("api"), "--data_api", "registry",
                     "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(registry.port()))) {
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(api.uri("/v2/images"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"via-registry\",\"disk_format\":\"raw\",\"container_format\":\"bare\","
                                    + "\"visibility\":\"public\",\"os_distro\":\"cirros\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();
            byte[] data = new byte[2 * 1024 * 1024 + 3];
            new Random(3).nextBytes(data);
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(api.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(api.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.body()).isEqualTo(data);

            JsonNode inRegistry = JSON.readTree(send(registry, "GET", "/images/" + id, null).body()).get("image");
            assertThat(inRegistry.get("status").asText()).isEqualTo("active");
            assertThat(inRegistry.get("size").asLong()).isEqualTo(data.length);
            assertThat(inRegistry.get("properties").get("os_distro").asText()).isEqualTo("cirros");
            JsonNode listed = JSON.readTree(http.send(HttpRequest.newBuilder(api.uri("/v2/images")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("images");
            assertThat(listed).extracting(image -> image.get("id").asText()).containsExactly(id);
            assertThat(api.log()).contains("Metadata: glance-registry at http://127.0.0.1:" + registry.port());
        }
    }

    /** The registry stopped: glance-api answers 503 at once, and serves again when it is back, without a restart. */
    @Test
    void aStoppedRegistryIsA503UntilItIsBack() throws Exception {
        Path registryData = work.resolve("registry");
        // Restarted on the same port below: a reserved one, which nobody can take while it is down.
        int port = GlanceProcess.reservedPort();
        GlanceProcess registry = GlanceProcess.startRegistry(registryData, port);
        try (GlanceProcess api = GlanceProcess.start(work.resolve("api"), "--data_api", "registry",
                "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(port))) {
            // The registry call of an API request carries its id: one id for the request in both access logs.
            String requestId = "req-" + UUID.randomUUID();
            HttpRequest listWithId = HttpRequest.newBuilder(api.uri("/v2/images"))
                    .header("X-Openstack-Request-ID", requestId).build();
            assertThat(http.send(listWithId, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
            HttpRequest list = HttpRequest.newBuilder(api.uri("/v2/images")).build();
            registry.close();
            assertThat(registry.log()).contains(requestId + " POST /images/search 200");

            long start = System.nanoTime();
            HttpResponse<String> down = http.send(list, HttpResponse.BodyHandlers.ofString());
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
            assertThat(down.body()).contains("glance-registry");
            assertThat(millis).as("a refused connection fails fast").isLessThan(5_000);

            registry = GlanceProcess.startRegistry(registryData, port);
            assertThat(http.send(list, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        } finally {
            registry.close();
        }
    }

    private HttpResponse<String> send(GlanceProcess registry, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(registry.uri(path)).header("Accept", "application/json");
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}

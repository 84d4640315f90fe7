package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.testing.plugins.ExamplePluginBuild;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator drops a third-party store plugin (the example content-addressed store, built by its own pom) into a
 * fresh plugins folder and configures it as a second store beside the filesystem store; clients choose it with
 * {@code X-Image-Meta-Store}.
 */
class MultiStoreEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Path casJar;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path build;
    @TempDir
    Path work;

    @BeforeAll
    static void buildExamplePlugin() throws Exception {
        casJar = ExamplePluginBuild.buildJar(build);
    }

    private Path pluginsFolder(boolean withCas) throws Exception {
        Path plugins = Files.createDirectories(work.resolve("plugins"));
        try (Stream<Path> jars = Files.list(GlanceProcess.pluginsDir())) {
            for (Path jar : jars.filter(path -> path.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, plugins.resolve(jar.getFileName()));
            }
        }
        if (withCas) {
            Files.copy(casJar, plugins.resolve(casJar.getFileName()));
        }
        return plugins;
    }

    private String[] multiStoreOptions(Path plugins) {
        return new String[] {"--plugins_dir", plugins.toString(), "--enabled_backends", "fast:file, dedup:cas",
                "--default_backend", "fast", "--fast.filesystem_store_datadir", work.resolve("fast").toString(),
                "--dedup.cas_store_root", work.resolve("cas").toString(),
                "--dedup.store_description", "Deduplicating store"};
    }

    @Test
    void uploadToTheThirdPartyStoreChosenByHeader() throws Exception {
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("server"), multiStoreOptions(pluginsFolder(true)))) {
            JsonNode stores = JSON.readTree(get(glance, "/v2/info/stores").body()).get("stores");
            assertThat(stores.findValuesAsText("id")).containsExactly("fast", "dedup");
            assertThat(stores.toString()).contains("Deduplicating store");

            String id = JSON.readTree(http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"name\":\"cas\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("id").asText();
            byte[] data = new byte[2 * 1024 * 1024 + 5];
            new Random(3).nextBytes(data);
            HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream").header("X-Image-Meta-Store", "dedup")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);

            JsonNode image = JSON.readTree(get(glance, "/v2/images/" + id).body());
            assertThat(image.get("stores").asText()).isEqualTo("dedup");
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.body()).isEqualTo(data);
            assertThat(Files.list(work.resolve("fast")).toList()).as("nothing went to the default store").isEmpty();

            HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .header("Content-Type", "application/octet-stream").header("X-Image-Meta-Store", "nowhere")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(unknown.statusCode()).isIn(400, 409);
        }
    }

    @Test
    void withoutThePluginJarStartupFailsNamingTheStoreType() throws Exception {
        assertThatThrownBy(() -> GlanceProcess.start(work.resolve("server"), multiStoreOptions(pluginsFolder(false))))
                .hasMessageContaining("cas");
    }

    private HttpResponse<String> get(GlanceProcess glance, String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri(path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}

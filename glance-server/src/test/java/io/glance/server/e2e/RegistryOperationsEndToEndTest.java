package io.glance.server.e2e;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * glance-registry has glance-api's operations surface: one access-log line per request, {@code /metrics} counting
 * the Registry API's requests by route and showing its database pool, and {@code /healthcheck} probing its database.
 */
class RegistryOperationsEndToEndTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void theRegistryLogsEachRequestAndServesMetricsAndHealth() throws Exception {
        try (GlanceProcess registry = GlanceProcess.startRegistry(work.resolve("registry"))) {
            for (int i = 0; i < 3; i++) {
                assertThat(get(registry, "/images").statusCode()).isEqualTo(200);
            }
            HttpResponse<String> health = get(registry, "/healthcheck");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("OK");

            String metrics = get(registry, "/metrics").body();
            assertThat(metrics).containsPattern("glance_http_requests_total\\{method=\"GET\",route=\"/images[^\"]*\","
                    + "status=\"200\"} 3")
                    .contains("glance_db_pool_connections{state=\"active\"}", "glance_http_connections_open");
            assertThat(registry.log()).containsPattern(" GET /images 200 \\d+ [0-9.]+ms");
        }
    }

    private HttpResponse<String> get(GlanceProcess process, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(process.uri(path)).header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * glance-api's operations surface against a real process: {@code /healthcheck} (200, and 503 naming the default
 * store or the database when either is down, then 200 again), its detailed variant, {@code /metrics} in a format
 * Debian's {@code promtool} accepts with counters that move exactly with the traffic sent, and one access-log line
 * per request.
 */
class OperationsEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void metricsMoveWithTrafficAndPassPromtool() throws Exception {
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("api"))) {
            Map<String, Double> before = metrics(glance);
            HttpResponse<String> created = send(glance, "POST", "/v2/images", "application/json",
                    "{\"name\":\"m\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}".getBytes());
            assertThat(created.statusCode()).isEqualTo(201);
            String id = JSON.readTree(created.body()).get("id").asText();
            byte[] data = new byte[1024 * 1024 + 7];
            new Random(7).nextBytes(data);
            HttpResponse<String> upload = send(glance, "PUT", "/v2/images/" + id + "/file",
                    "application/octet-stream", data);
            assertThat(upload.statusCode()).isEqualTo(204);
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id + "/file"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.body()).isEqualTo(data);
            assertThat(send(glance, "GET", "/v2/images/" + java.util.UUID.randomUUID(), null, null).statusCode())
                    .isEqualTo(404);

            String text = metricsText(glance);
            if (Files.isExecutable(PROMTOOL)) {
                Process promtool = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics")
                        .redirectErrorStream(true).start();
                promtool.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
                promtool.getOutputStream().close();
                String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(promtool.exitValue()).as("promtool check metrics:\n" + output + "\n" + text).isZero();
            }
            Map<String, Double> after = parse(text);
            assertThat(delta(before, after, "glance_http_requests_total{method=\"POST\",route=\"/v2/images/\","
                    + "status=\"201\"}")).isEqualTo(1);
            assertThat(delta(before, after, "glance_http_requests_total{method=\"PUT\","
                    + "route=\"/v2/images/{id}/file\",status=\"204\"}")).isEqualTo(1);
            assertThat(delta(before, after, "glance_http_request_duration_seconds_count{method=\"GET\","
                    + "route=\"/v2/images/{id}/file\"}")).isEqualTo(1);
            assertThat(after.keySet()).anyMatch(key -> key.startsWith("glance_http_requests_total{method=\"GET\",")
                    && key.endsWith("status=\"404\"}"));
            assertThat(delta(before, after, "glance_store_written_bytes_total{store=\"file\"}"))
                    .isEqualTo(data.length);
            assertThat(delta(before, after, "glance_store_read_bytes_total{store=\"file\"}")).isEqualTo(data.length);
            assertThat(after.get("glance_uploads_in_progress{store=\"file\"}")).isZero();
            assertThat(after.get("glance_db_pool_max_connections")).isEqualTo(10);
            assertThat(after.get("glance_http_connections_open")).isPositive();
            assertThat(after.get("jvm_memory_bytes_used{area=\"heap\"}")).isPositive();
            assertThat(after.get("process_open_fds")).isPositive();

            String requestId = upload.headers().firstValue("x-openstack-request-id").orElseThrow();
            assertThat(glance.log()).containsPattern(" glance\\.access: " + requestId + " PUT /v2/images/" + id
                    + "/file 204 [0-9]+ [0-9.]+ms");
            java.util.regex.Matcher downloadLine = java.util.regex.Pattern.compile(" glance\\.access: req-[-0-9a-f]+ GET"
                    + " /v2/images/" + id + "/file 200 ([0-9]+) [0-9.]+ms").matcher(glance.log());
            assertThat(downloadLine.find()).isTrue();
            assertThat(Long.parseLong(downloadLine.group(1))).as("bytes written, headers included")
                    .isBetween((long) data.length, data.length + 2048L);
        }
    }

    @Test
    void healthcheckNamesTheDefaultStoreWhileItIsGone() throws Exception {
        Path images = work.resolve("images");
        try (GlanceProcess glance = GlanceProcess.start(work.resolve("api"), "--filesystem_store_datadir",
                images.toString())) {
            HttpResponse<String> ok = send(glance, "GET", "/healthcheck", null, null);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("OK");
            assertThat(send(glance, "HEAD", "/healthcheck", null, null).statusCode()).isEqualTo(200);
            JsonNode detailed = JSON.readTree(send(glance, "GET", "/healthcheck?detailed=true", null, null).body());
            assertThat(detailed.get("status").asText()).isEqualTo("ok");
            assertThat(detailed.get("checks")).extracting(check -> check.get("name").asText())
                    .containsExactly("database", "store file");

            Path moved = work.resolve("images-away");
            Files.move(images, moved);
            Thread.sleep(1100);
            HttpResponse<String> down = send(glance, "GET", "/healthcheck", null, null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("store file: ").contains(images.toString());
            HttpResponse<String> downDetailed = send(glance, "GET", "/healthcheck?detailed=true", null, null);
            assertThat(downDetailed.statusCode()).isEqualTo(503);
            JsonNode checks = JSON.readTree(downDetailed.body()).get("checks");
            assertThat(checks.get(0).get("ok").asBoolean()).isTrue();
            assertThat(checks.get(1).get("ok").asBoolean()).isFalse();
            assertThat(checks.get(1).get("reason").asText()).contains("not a directory");

            Files.move(moved, images);
            Thread.sleep(1100);
            assertThat(send(glance, "GET", "/healthcheck", null, null).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void healthcheckNamesTheDatabaseWhileItIsDown() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/mariadbd")), "mariadb-server is not installed");
        try (MariaDbServer mariadb = MariaDbServer.start();
             GlanceProcess glance = GlanceProcess.start(work.resolve("api"), "--sql_connection", mariadb.jdbcUrl(),
                     "--sql_connection_timeout", "2")) {
            assertThat(send(glance, "GET", "/healthcheck", null, null).statusCode()).isEqualTo(200);
            mariadb.stop();
            Thread.sleep(1100);
            long start = System.nanoTime();
            HttpResponse<String> down = send(glance, "GET", "/healthcheck", null, null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).startsWith("database: ").doesNotContain("store file");
            assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(10);
            mariadb.startAgain();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            int status = 0;
            while (System.nanoTime() < deadline && status != 200) {
                Thread.sleep(500);
                status = send(glance, "GET", "/healthcheck", null, null).statusCode();
            }
            assertThat(status).as("healthy again once MariaDB is back").isEqualTo(200);
        }
    }

    private HttpResponse<String> send(GlanceProcess glance, String method, String path, String contentType,
                                      byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(glance.uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String metricsText(GlanceProcess glance) throws IOException, InterruptedException {
        HttpResponse<String> response = send(glance, "GET", "/metrics", null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    private Map<String, Double> metrics(GlanceProcess glance) throws IOException, InterruptedException {
        return parse(metricsText(glance));
    }

    /** Sample lines as {@code name{labels}} to value. */
    private static Map<String, Double> parse(String text) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int space = line.lastIndexOf(' ');
            samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)
                    .replace("+Inf", "Infinity")));
        }
        return samples;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String key) {
        assertThat(after).containsKey(key);
        return after.get(key) - before.getOrDefault(key, 0.0);
    }
}

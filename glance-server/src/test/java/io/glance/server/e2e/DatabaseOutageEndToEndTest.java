package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB goes away for ten seconds under a steady load of metadata requests (reads, listings, PATCHes), then hangs
 * (SIGSTOP, as behind a network partition) for three: while it is down or hung every request fails fast with 503 (no
 * longer than {@code sql_connection_timeout} plus scheduling slack), after it is back glance-api serves again without
 * a restart, and every image is in a state it could legitimately have (an upload cut off by the outage leaves its image
 * queued once the database is back).
 */
@Isolated("its assertions bound latencies, which a class running beside it would stretch")
class DatabaseOutageEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(1);
    /**
     * What may come on top of the connection timeout before an answer counts as a hang: a request that arrives as the
     * database comes back can wait for a pooled connection, then connect and query, each bounded by the timeout; and a
     * loaded 2-core CI machine adds scheduling delay (a clean-clone run saw one 200 answer after 2.97 s).
     */
    private static final Duration SLACK = Duration.ofMillis(3000);
    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration HANG = Duration.ofSeconds(3);
    private static final int CLIENTS = 4;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

    @TempDir
    Path work;

    record Sample(String request, long startNanos, long endNanos, int status) {
        Duration latency() {
            return Duration.ofNanos(endNanos - startNanos);
        }
    }

    @Test
    void requestsFailFastWith503WhileTheDatabaseIsDownAndSucceedAgainAfterwards() throws Exception {
        try (MariaDbServer mariadb = MariaDbServer.start();
             GlanceProcess glance = GlanceProcess.start(work, "--sql_connection", mariadb.jdbcUrl(),
                     "--sql_connection_timeout", Double.toString(CONNECTION_TIMEOUT.toMillis() / 1000.0),
                     "--sql_max_pool_size", "4")) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ids.add(createImage(glance, "outage-" + i));
            }
            byte[] data = new byte[256 * 1024];
            new Random(5).nextBytes(data);
            assertThat(send(glance, "upload", HttpRequest.newBuilder(glance.uri("/v2/images/" + ids.get(0) + "/file"))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(data))).status()).isEqualTo(204);

            AtomicBoolean running = new AtomicBoolean(true);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long stopped;
            long restarting;
            long recovered;
            long paused;
            long resuming;
            long recoveredAgain;
            try {
                for (int client = 0; client < CLIENTS; client++) {
                    String id = ids.get(client);
                    int number = client;
                    clients.submit(() -> load(glance, id, number, running));
                }
                Thread.sleep(1000);
                // An upload is under way when MariaDB goes: it cannot finish, and its image must not stay saving.
                try (Socket upload = new Socket("127.0.0.1", glance.port())) {
                    OutputStream body = upload.getOutputStream();
                    body.write(("PUT /v2/images/" + ids.get(1) + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                            + "Connection: close\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                            + data.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                    body.write(data, 0, data.length / 2);
                    body.flush();
                    awaitStatus(glance, ids.get(1), "saving");
                    mariadb.stop();
                    stopped = System.nanoTime();
                    body.write(data, data.length / 2, data.length - data.length / 2);
                    body.flush();
                    assertThat(new String(upload.getInputStream().readNBytes(12), StandardCharsets.US_ASCII))
                            .isEqualTo("HTTP/1.1 503");
                }
                Thread.sleep(Math.max(0, OUTAGE.toMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopped)));
                restarting = System.nanoTime();
                mariadb.startAgain();
                recovered = awaitRecovery(glance, ids.get(0));
                Thread.sleep(1000);
                mariadb.pause();
                paused = System.nanoTime();
                Thread.sleep(HANG.toMillis());
                resuming = System.nanoTime();
                mariadb.resume();
                recoveredAgain = awaitRecovery(glance, ids.get(0));
                Thread.sleep(1000);
            } finally {
                running.set(false);
                clients.shutdown();
                assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).as("load clients ended").isTrue();
            }

            List<Sample> all = List.copyOf(samples);
            assertThat(all).as("no request hung longer than the connection timeout plus slack")
                    .allSatisfy(sample -> assertThat(sample.latency()).isLessThan(CONNECTION_TIMEOUT.plus(SLACK)));
            List<Sample> whileDown = all.stream().filter(sample -> sample.startNanos() > stopped
                    && sample.endNanos() < restarting).toList();
            assertThat(whileDown).as("requests while MariaDB was down").hasSizeGreaterThan(2 * CLIENTS);
            assertThat(whileDown).allSatisfy(sample -> assertThat(sample.status()).as(sample.request()).isEqualTo(503));
            List<Sample> afterRecovery = all.stream().filter(sample -> sample.startNanos() > recovered
                    && sample.endNanos() < paused).toList();
            assertThat(afterRecovery).as("requests after recovery").isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.status()).as(sample.request()).isEqualTo(200));
            List<Sample> whileHung = all.stream().filter(sample -> sample.startNanos() > paused
                    && sample.endNanos() < resuming).toList();
            assertThat(whileHung).as("requests while MariaDB hung").hasSizeGreaterThanOrEqualTo(CLIENTS);
            assertThat(whileHung).allSatisfy(sample -> assertThat(sample.status()).as(sample.request()).isEqualTo(503));
            assertThat(all.stream().filter(sample -> sample.startNanos() > recoveredAgain).toList())
                    .as("requests after the hang").isNotEmpty()
                    .allSatisfy(sample -> assertThat(sample.status()).as(sample.request()).isEqualTo(200));

            awaitStatus(glance, ids.get(1), "queued");
            for (String id : ids) {
                JsonNode image = image(glance, id);
                String status = image.get("status").asText();
                assertThat(status).as(id).isIn("queued", "active");
                if (status.equals("queued")) {
                    assertThat(image.get("size").isNull()).isTrue();
                    assertThat(image.get("checksum").isNull()).isTrue();
                }
            }
            JsonNode uploaded = image(glance, ids.get(0));
            assertThat(uploaded.get("status").asText()).isEqualTo("active");
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(
                    glance.uri("/v2/images/" + ids.get(0) + "/file")).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.body()).isEqualTo(data);
            assertThat(uploaded.get("checksum").asText())
                    .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data)));
        }
    }

    /** One client: show, list and PATCH in turn, a little apart, until told to stop. */
    private void load(GlanceProcess glance, String id, int client, AtomicBoolean running) {
        int counter = 0;
        while (running.get()) {
            try {
                switch (counter % 3) {
                    case 0 -> send(glance, "GET " + id, HttpRequest.newBuilder(glance.uri("/v2/images/" + id)));
                    case 1 -> send(glance, "list", HttpRequest.newBuilder(glance.uri("/v2/images?limit=5")));
                    default -> send(glance, "PATCH " + id, HttpRequest.newBuilder(glance.uri("/v2/images/" + id))
                            .header("Content-Type", "application/openstack-images-v2.1-json-patch")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString(
                                    "[{\"op\":\"add\",\"path\":\"/load-" + client + "\",\"value\":\"" + counter
                                            + "\"}]")));
                }
                counter++;
                Thread.sleep(50);
            } catch (Exception e) {
                samples.add(new Sample("failed: " + e, 0, Long.MAX_VALUE, -1));
                return;
            }
        }
    }

    private Sample send(GlanceProcess glance, String name, HttpRequest.Builder request) throws Exception {
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        Sample sample = new Sample(name + " -> " + response.statusCode() + " " + response.body(), start,
                System.nanoTime(), response.statusCode());
        samples.add(sample);
        return sample;
    }

    /** Waits until glance-api reads images again, without being restarted; returns when it did. */
    private long awaitRecovery(GlanceProcess glance, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                return System.nanoTime();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("glance-api did not serve image " + id + " within 20 s of MariaDB's restart:\n"
                + glance.log());
    }

    private void awaitStatus(GlanceProcess glance, String id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String seen = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString());
            seen = response.statusCode() == 200 ? JSON.readTree(response.body()).get("status").asText()
                    : "HTTP " + response.statusCode();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("image " + id + " stayed " + seen + ", expected " + status);
    }

    private String createImage(GlanceProcess glance, String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}"))
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
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two glance-api processes on one MariaDB database and one filesystem store folder, as two API nodes behind a load
 * balancer: what one node writes the other serves, a race between clients on both nodes has one winner, and a node
 * that starts while another uploads does not mistake that upload for one a crash interrupted.
 */
class SharedDatabaseEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int RACERS = 8;

    @TempDir
    static Path work;
    private static String database;
    private static GlanceProcess nodeA;
    private static GlanceProcess nodeB;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void startTwoNodes() throws Exception {
        database = TestDatabases.createMariaDb("glance_e2e_shared");
        Path images = work.resolve("images");
        nodeA = GlanceProcess.start(work.resolve("node-a"), "--sql_connection", database,
                "--filesystem_store_datadir", images.toString());
        nodeB = GlanceProcess.start(work.resolve("node-b"), "--sql_connection", database,
                "--filesystem_store_datadir", images.toString());
    }

    @AfterAll
    static void stopNodes() throws Exception {
        for (GlanceProcess node : new GlanceProcess[] {nodeA, nodeB}) {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    void imageCreatedOnOneNodeIsUploadedThroughTheOtherAndDownloadedThroughTheFirst() throws Exception {
        String id = createImage(nodeA, "shared");
        byte[] data = randomBytes(5 * 1024 * 1024 + 3, 11);

        assertThat(upload(nodeB, id, data).statusCode()).isEqualTo(204);

        HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(nodeA.uri("/v2/images/" + id + "/file"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).isEqualTo(data);
        assertThat(image(nodeA, id).get("checksum").asText()).isEqualTo(md5(data));
    }

    @Test
    void ofEightUploadsRacingThroughBothNodesExactlyOneWins() throws Exception {
        String id = createImage(nodeB, "race");
        List<byte[]> bodies = new ArrayList<>();
        for (int racer = 0; racer < RACERS; racer++) {
            bodies.add(randomBytes(256 * 1024, 100 + racer));
        }

        ExecutorService clients = Executors.newFixedThreadPool(RACERS);
        List<Integer> statuses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> outcomes = new ArrayList<>();
            for (int racer = 0; racer < RACERS; racer++) {
                GlanceProcess node = racer % 2 == 0 ? nodeA : nodeB;
                byte[] body = bodies.get(racer);
                outcomes.add(clients.submit(() -> {
                    start.await();
                    return upload(node, id, body).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> outcome : outcomes) {
                statuses.add(outcome.get(60, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }

        assertThat(statuses).filteredOn(status -> status == 204).hasSize(1);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(RACERS - 1);
        byte[] winner = bodies.get(statuses.indexOf(204));
        for (GlanceProcess node : new GlanceProcess[] {nodeA, nodeB}) {
            JsonNode image = image(node, id);
            assertThat(image.get("status").asText()).isEqualTo("active");
            assertThat(image.get("checksum").asText()).isEqualTo(md5(winner));
            assertThat(image.get("size").asLong()).isEqualTo(winner.length);
        }
    }

    @Test
    void aNodeStartingWhileAnotherUploadsLeavesThatUploadAlone() throws Exception {
        String id = createImage(nodeA, "slow");
        byte[] data = randomBytes(4 * 1024 * 1024, 21);
        try (Socket socket = new Socket("127.0.0.1", nodeA.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /v2/images/" + id + "/file HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    + "Content-Type: application/octet-stream\r\nContent-Length: " + data.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(data, 0, data.length / 2);
            out.flush();
            awaitStatus(nodeB, id, "saving");

            // A third node starts on the same database: its recovery must not take the running upload for a crash.
            try (GlanceProcess nodeC = GlanceProcess.start(work.resolve("node-c"), "--sql_connection", database,
                    "--filesystem_store_datadir", work.resolve("images").toString())) {
                assertThat(image(nodeC, id).get("status").asText()).isEqualTo("saving");
            }

            out.write(data, data.length / 2, data.length - data.length / 2);
            out.flush();
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(statusLine).isEqualTo("HTTP/1.1 204");
        }
        JsonNode image = image(nodeB, id);
        assertThat(image.get("status").asText()).isEqualTo("active");
        assertThat(image.get("checksum").asText()).isEqualTo(md5(data));
    }

    private void awaitStatus(GlanceProcess node, String id, String status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String seen = null;
        while (System.nanoTime() < deadline) {
            seen = image(node, id).get("status").asText();
            if (seen.equals(status)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("image " + id + " stayed " + seen + ", expected " + status);
    }

    private String createImage(GlanceProcess node, String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("/v2/images"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("id").asText();
    }

    private HttpResponse<String> upload(GlanceProcess node, String id, byte[] data) throws Exception {
        return http.send(HttpRequest.newBuilder(node.uri("/v2/images/" + id + "/file"))
                .header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode image(GlanceProcess node, String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(node.uri("/v2/images/" + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static byte[] randomBytes(int length, long seed) {
        byte[] data = new byte[length];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static String md5(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code use_keystone_limits} against the suite's real Keystone: glance-api's endpoint registered in the catalog,
 * registered (default) limits and project limits created through Keystone's limits API, glance reading them as a
 * system reader ({@code oslo_limit.system_scope: all}). Zed's semantics: the new image counts, so
 * {@code image_count_total} is a hard limit; uploads are refused only once the project is already over
 * {@code image_size_total} or over {@code image_count_uploading} counting itself; a limit changed in Keystone counts
 * from the next request; {@code user_storage_quota} is ignored; {@code /v2/info/usage} shows limits and usage.
 * Staging is refused over {@code image_stage_total} and {@code image_count_uploading}; a glance-direct import is
 * refused at the request when the project is already over {@code image_size_total}, and its task fails when the staged
 * size would take it over (nothing is left staged or stored either way); a resumable (tus) upload session is refused
 * over {@code image_stage_total} too. web-download and copy-image tasks fail over
 * {@code image_stage_total} (an image being copied counts its size twice, as in Zed) or
 * {@code image_count_uploading}, before anything is fetched or copied.
 */
@ResourceLock(SharedResources.KEYSTONE_IMAGE_CATALOG)
class KeystoneLimitsEndToEndTest {
    private static String region;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final int MIB = 1024 * 1024;

    @TempDir
    static Path work;
    private static KeystoneServer keystone;
    private static GlanceProcess glance;
    private static KeystoneServer.User alice;
    private static KeystoneServer.User bob;
    private static KeystoneServer.User carol;
    private static KeystoneServer.User dave;
    private static KeystoneServer.User erin;
    private static KeystoneServer.User frank;
    private static KeystoneServer.User gina;
    private static KeystoneServer.User hank;
    private static String hankStageLimit;
    /** web-download's source: serves {@link #WEB_IMAGE} and counts the requests it answered. */
    private static HttpServer web;
    private static final AtomicInteger WEB_REQUESTS = new AtomicInteger();
    private static final byte[] WEB_IMAGE = TestFiles.random(100_000);
    private static String aliceCountLimit;

    @BeforeAll
    static void start() throws Exception {
        keystone = KeystoneServer.fromSuite();
        alice = keystone.user("alice", "alpha", keystone.project("alpha"), "member");
        bob = keystone.user("bob", "beta", keystone.project("beta"), "member");
        carol = keystone.user("carol", "gamma", keystone.project("gamma"), "member");
        dave = keystone.user("dave", "delta", keystone.project("delta"), "member");
        erin = keystone.user("erin", "epsilon", keystone.project("epsilon"), "member");
        frank = keystone.user("frank", "zeta", keystone.project("zeta"), "member");
        gina = keystone.user("gina", "eta", keystone.project("eta"), "member");
        // copy_image is admin-only in Zed's default policy.
        hank = keystone.user("hank", "theta", keystone.project("theta"), "admin");
        web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        web.createContext("/disk.img", exchange -> {
            WEB_REQUESTS.incrementAndGet();
            exchange.sendResponseHeaders(200, WEB_IMAGE.length);
            try (var out = exchange.getResponseBody()) {
                out.write(WEB_IMAGE);
            }
        });
        web.start();
        KeystoneServer.User service = keystone.user("glance", "service", keystone.project("service"), "service");
        KeystoneServer.User limitsReader = keystone.systemReader("glance-limits");

        int port = GlanceProcess.reservedPort();
        region = keystone.registerImageEndpoint("http://127.0.0.1:" + port);
        String endpoint = keystone.imageEndpointId(region);
        String glanceService = keystone.serviceOfEndpoint(endpoint);
        keystone.registeredLimit(glanceService, region, "image_count_total", 3);
        keystone.registeredLimit(glanceService, region, "image_size_total", 1);
        keystone.registeredLimit(glanceService, region, "image_count_uploading", 1);
        keystone.registeredLimit(glanceService, region, "image_stage_total", 5);
        aliceCountLimit = keystone.projectLimit(glanceService, region, alice.projectId(), "image_count_total", 2);
        keystone.projectLimit(glanceService, region, dave.projectId(), "image_size_total", 100);
        keystone.projectLimit(glanceService, region, erin.projectId(), "image_stage_total", 1);
        keystone.projectLimit(glanceService, region, gina.projectId(), "image_stage_total", 1);
        keystone.projectLimit(glanceService, region, hank.projectId(), "image_size_total", 100);
        hankStageLimit = keystone.projectLimit(glanceService, region, hank.projectId(), "image_stage_total", 3);

        glance = GlanceProcess.start(work.resolve("glance"), port, "--auth_strategy", "keystone",
                "--keystone_authtoken.auth_url", keystone.authUrl,
                "--keystone_authtoken.username", service.name(), "--keystone_authtoken.password", service.password(),
                "--keystone_authtoken.project_name", service.project(),
                "--user_storage_quota", "1MB", "--use_keystone_limits",
                "--oslo_limit.auth_url", keystone.authUrl, "--oslo_limit.username", limitsReader.name(),
                "--oslo_limit.password", limitsReader.password(), "--oslo_limit.system_scope", "all",
                "--oslo_limit.endpoint_id", endpoint,
                // Two stores for copy-image; the default one where the single-store tests look for stored data.
                "--enabled_backends", "fast:file, cheap:file", "--default_backend", "fast",
                "--fast.filesystem_store_datadir", work.resolve("glance").resolve("images").toString(),
                "--cheap.filesystem_store_datadir", work.resolve("cheap").toString(),
                "--import_filtering_opts.allowed_hosts", "127.0.0.1",
                "--import_filtering_opts.allowed_ports", Integer.toString(web.getAddress().getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
        if (web != null) {
            web.stop(0);
        }
        if (region != null) {
            keystone.unregisterImageEndpoint(region);
        }
    }

    @Test
    void theNewImageCountsSoImageCountTotalIsHardAndAChangedLimitCountsAtOnce() throws Exception {
        String token = keystone.token(alice);
        assertThat(create(token, "a1").statusCode()).isEqualTo(201);
        String second = JSON.readTree(create(token, "a2").body()).path("id").asText();
        HttpResponse<String> third = create(token, "a3");
        assertThat(third.statusCode()).as(third.body()).isEqualTo(413);
        assertThat(third.body()).contains("image_count_total is over limit of 2 due to current usage 2 and delta 1");

        String bobs = keystone.token(bob);
        for (int i = 0; i < 3; i++) {
            assertThat(create(bobs, "b" + i).statusCode()).as("the registered default, 3").isEqualTo(201);
        }
        assertThat(create(bobs, "b3").statusCode()).isEqualTo(413);

        assertThat(TokenRequests.send(glance, "DELETE", "/v2/images/" + second, token, null, null).statusCode()).isEqualTo(204);
        assertThat(create(token, "a3").statusCode()).as("a deleted image no longer counts").isEqualTo(201);
        assertThat(create(token, "a4").statusCode()).isEqualTo(413);
        keystone.changeLimit(aliceCountLimit, 3);
        assertThat(create(token, "a4").statusCode()).as("read from Keystone on each request").isEqualTo(201);
    }

    @Test
    void anUploadIsRefusedOnceTheProjectIsOverImageSizeTotalAndUserStorageQuotaIsIgnored() throws Exception {
        String token = keystone.token(carol);
        String first = JSON.readTree(create(token, "c1").body()).path("id").asText();
        HttpResponse<String> overshoot = upload(token, first, TestFiles.random(3 * MIB));
        assertThat(overshoot.statusCode()).as("usage 0 is not over 1 MiB: one upload may overshoot, and the 1MB"
                + " user_storage_quota is not used").isEqualTo(204);

        List<Path> stored = TestFiles.filesIn(work.resolve("glance").resolve("images"));
        String second = JSON.readTree(create(token, "c2").body()).path("id").asText();
        HttpResponse<String> refused = upload(token, second, TestFiles.random(MIB / 2));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(refused.body()).contains("image_size_total is over limit of 1 due to current usage 3 and delta 0");
        assertThat(image(token, second).path("status").asText()).isEqualTo("queued");
        assertThat(TestFiles.filesIn(work.resolve("glance").resolve("images"))).isEqualTo(stored);

        JsonNode usage = JSON.readTree(TokenRequests.send(glance, "GET", "/v2/info/usage", token, null, null).body()).path("usage");
        assertThat(usage.path("image_size_total").path("limit").asLong()).isEqualTo(1);
        assertThat(usage.path("image_size_total").path("usage").asLong()).isEqualTo(3);
        assertThat(usage.path("image_count_total").path("limit").asLong()).isEqualTo(3);
        assertThat(usage.path("image_count_total").path("usage").asLong()).isEqualTo(2);
        assertThat(usage.path("image_count_uploading").path("limit").asLong()).isEqualTo(1);
        assertThat(usage.path("image_count_uploading").path("usage").asLong()).isZero();
        assertThat(usage.path("image_stage_total").path("limit").asLong()).isEqualTo(5);
        assertThat(usage.path("image_stage_total").path("usage").asLong()).isZero();
    }

    @Test
    void aSecondUploadWhileOneIsRunningIsOverImageCountUploading() throws Exception {
        String token = keystone.token(dave);
        String slow = JSON.readTree(create(token, "d-slow").body()).path("id").asText();
        String other = JSON.readTree(create(token, "d-other").body()).path("id").asText();
        byte[] chunk = TestFiles.random(256 * 1024);
        CountDownLatch release = new CountDownLatch(1);
        // The first half, then nothing until the test releases the rest: the upload stays in saving meanwhile.
        // (Not a pipe: PipedInputStream fails when the thread that last wrote or read it ends.)
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(chunk), new InputStream() {
            private InputStream rest;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (rest == null) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                    rest = new ByteArrayInputStream(chunk);
                }
                return rest.read(buffer, offset, length);
            }
        });
        CompletableFuture<HttpResponse<String>> running = HTTP.sendAsync(HttpRequest.newBuilder(
                        URI.create(glance.endpoint() + "/v2/images/" + slow + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!image(token, slow).path("status").asText().equals("saving")) {
                assertThat(System.nanoTime()).as("the first upload reached saving").isLessThan(deadline);
                Thread.sleep(100);
            }
            String usageWhileSaving = TokenRequests.send(glance, "GET", "/v2/info/usage", token, null, null).body();
            HttpResponse<String> second = upload(token, other, TestFiles.random(1000));
            assertThat(second.statusCode()).as(second.body() + " usage while saving: " + usageWhileSaving)
                    .isEqualTo(413);
            assertThat(second.body()).contains("image_count_uploading is over limit of 1 due to current usage 2");
            assertThat(image(token, other).path("status").asText()).isEqualTo("queued");
        } finally {
            release.countDown();
        }
        assertThat(running.get(60, TimeUnit.SECONDS).statusCode()).isEqualTo(204);
        assertThat(image(token, slow).path("size").asLong()).isEqualTo(2L * chunk.length);
        assertThat(upload(token, other, TestFiles.random(1000)).statusCode()).as("nothing else uploading now").isEqualTo(204);
    }

    @Test
    void stagingIsRefusedOverImageStageTotalAndOverImageCountUploadingWithNothingStaged() throws Exception {
        String token = keystone.token(erin);
        String first = JSON.readTree(create(token, "e1").body()).path("id").asText();
        String second = JSON.readTree(create(token, "e2").body()).path("id").asText();
        assertThat(stage(token, first, TestFiles.random(3 * MIB)).statusCode()).as("nothing staged yet: one stage may"
                + " overshoot the 1 MiB").isEqualTo(204);

        HttpResponse<String> overStaged = stage(token, second, TestFiles.random(MIB / 4));
        assertThat(overStaged.statusCode()).as(overStaged.body()).isEqualTo(413);
        assertThat(overStaged.body()).contains("image_stage_total is over limit of 1 due to current usage 3 and"
                + " delta 0");
        assertThat(image(token, second).path("status").asText()).isEqualTo("queued");
        assertThat(stagedFiles(second)).isEmpty();
        // A resumable (tus) upload into staging is held to the same limit when its session is opened.
        HttpResponse<String> overStagedTus = HTTP.send(HttpRequest.newBuilder(URI.create(glance.endpoint()
                        + "/v2/images/" + second + "/uploads")).header("X-Auth-Token", token)
                .header("Tus-Resumable", "1.0.0").header("Upload-Length", "1000").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(overStagedTus.statusCode()).as(overStagedTus.body()).isEqualTo(413);
        assertThat(overStagedTus.body()).contains("image_stage_total is over limit of 1 due to current usage 3");
        assertThat(TestFiles.filesIn(work.resolve("glance").resolve("staging"))).as("no session's partial data")
                .noneMatch(file -> file.getFileName().toString().startsWith(".upload-"));

        assertThat(TokenRequests.send(glance, "DELETE", "/v2/images/" + first, token, null, null).statusCode()).isEqualTo(204);
        assertThat(stage(token, second, TestFiles.random(MIB / 4)).statusCode()).as("the deleted image's staged data no"
                + " longer counts").isEqualTo(204);
        String third = JSON.readTree(create(token, "e3").body()).path("id").asText();
        HttpResponse<String> overUploading = stage(token, third, TestFiles.random(1000));
        assertThat(overUploading.statusCode()).as(overUploading.body()).isEqualTo(413);
        assertThat(overUploading.body()).contains("image_count_uploading is over limit of 1 due to current usage 2"
                + " and delta 0");
        assertThat(image(token, third).path("status").asText()).as("back to queued").isEqualTo("queued");
        assertThat(stagedFiles(third)).isEmpty();
        assertThat(stagedFiles(second)).hasSize(1);
    }

    @Test
    void glanceDirectImportIsRefusedOverImageSizeTotalAtTheRequestOrInTheTaskWithNothingLeft() throws Exception {
        String token = keystone.token(frank);
        String staged = JSON.readTree(create(token, "f1").body()).path("id").asText();
        assertThat(stage(token, staged, TestFiles.random(3 * MIB)).statusCode()).isEqualTo(204);
        List<Path> stored = TestFiles.filesIn(work.resolve("glance").resolve("images"));

        // Not over image_size_total yet (usage 0), so the request is accepted; the task then counts the 3 MiB staged.
        HttpResponse<String> accepted = importGlanceDirect(token, staged);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        JsonNode task = awaitTaskEnd(token, staged);
        assertThat(task.path("status").asText()).isEqualTo("failure");
        assertThat(task.path("message").asText()).contains("image_size_total is over limit of 1 due to current"
                + " usage 0 and delta 3");
        JsonNode refused = image(token, staged);
        assertThat(refused.path("status").asText()).isEqualTo("queued");
        assertThat(refused.path("os_glance_importing_to_stores").asText()).isEmpty();
        assertThat(refused.path("os_glance_failed_import").asText()).as("no store was tried").isEmpty();
        assertThat(refused.has("os_glance_import_task")).as("the lock is dropped").isFalse();
        assertThat(stagedFiles(staged)).isEmpty();
        assertThat(TestFiles.filesIn(work.resolve("glance").resolve("images"))).isEqualTo(stored);

        String uploaded = JSON.readTree(create(token, "f2").body()).path("id").asText();
        assertThat(upload(token, uploaded, TestFiles.random(3 * MIB)).statusCode()).isEqualTo(204);
        assertThat(stage(token, staged, TestFiles.random(MIB / 4)).statusCode()).as("staged again after the refusal")
                .isEqualTo(204);
        HttpResponse<String> over = importGlanceDirect(token, staged);
        assertThat(over.statusCode()).as(over.body()).isEqualTo(413);
        assertThat(over.body()).contains("image_size_total is over limit of 1 due to current usage 3 and delta 0");
        assertThat(image(token, staged).path("status").asText()).as("untouched, as in Glance")
                .isEqualTo("uploading");
        assertThat(stagedFiles(staged)).hasSize(1);
        assertThat(JSON.readTree(TokenRequests.send(glance, "GET", "/v2/images/" + staged + "/tasks", token, null, null).body())
                .path("tasks")).as("no task for the refused request").hasSize(1);
    }

    @Test
    void webDownloadTasksFailOverImageStageTotalOrImageCountUploadingBeforeAnythingIsFetched() throws Exception {
        String token = keystone.token(gina);
        String staged = JSON.readTree(create(token, "g1").body()).path("id").asText();
        String downloaded = JSON.readTree(create(token, "g2").body()).path("id").asText();
        assertThat(stage(token, staged, TestFiles.random(3 * MIB)).statusCode()).isEqualTo(204);
        int fetched = WEB_REQUESTS.get();

        JsonNode overStaged = importAndAwait(token, downloaded, webDownload());
        assertThat(overStaged.path("status").asText()).isEqualTo("failure");
        assertThat(overStaged.path("message").asText()).contains("image_stage_total is over limit of 1 due to"
                + " current usage 3 and delta 0");
        assertNothingLeft(token, downloaded, "queued");

        assertThat(TokenRequests.send(glance, "DELETE", "/v2/images/" + staged, token, null, null).statusCode()).isEqualTo(204);
        String other = JSON.readTree(create(token, "g3").body()).path("id").asText();
        assertThat(stage(token, other, TestFiles.random(1000)).statusCode()).isEqualTo(204);
        JsonNode overUploading = importAndAwait(token, downloaded, webDownload());
        assertThat(overUploading.path("status").asText()).isEqualTo("failure");
        assertThat(overUploading.path("message").asText()).contains("image_count_uploading is over limit of 1 due"
                + " to current usage 2 and delta 0");
        assertNothingLeft(token, downloaded, "queued");
        assertThat(WEB_REQUESTS.get()).as("refused before the download").isEqualTo(fetched);

        assertThat(TokenRequests.send(glance, "DELETE", "/v2/images/" + other, token, null, null).statusCode()).isEqualTo(204);
        JsonNode done = importAndAwait(token, downloaded, webDownload());
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("success");
        assertThat(image(token, downloaded).path("size").asLong()).isEqualTo(WEB_IMAGE.length);
        assertThat(WEB_REQUESTS.get()).isEqualTo(fetched + 1);
    }

    @Test
    void copyImageTasksFailOverImageStageTotalCountingTheCopyTwiceOrOverImageCountUploading() throws Exception {
        String token = keystone.token(hank);
        String copied = JSON.readTree(create(token, "h1").body()).path("id").asText();
        assertThat(upload(token, copied, TestFiles.random(2 * MIB)).statusCode()).isEqualTo(204);
        String copy = "{\"method\":{\"name\":\"copy-image\"},\"stores\":[\"cheap\"]}";

        // Glance counts the image being copied in the stage usage and adds its size as the delta: 2 + 2 > 3.
        JsonNode overStaged = importAndAwait(token, copied, copy);
        assertThat(overStaged.path("status").asText()).isEqualTo("failure");
        assertThat(overStaged.path("message").asText()).contains("image_stage_total is over limit of 3 due to"
                + " current usage 2 and delta 2");
        assertNothingLeft(token, copied, "active");
        assertThat(image(token, copied).path("stores").asText()).isEqualTo("fast");

        keystone.changeLimit(hankStageLimit, 4);
        String staged = JSON.readTree(create(token, "h2").body()).path("id").asText();
        assertThat(stage(token, staged, TestFiles.random(1000)).statusCode()).isEqualTo(204);
        JsonNode overUploading = importAndAwait(token, copied, copy);
        assertThat(overUploading.path("status").asText()).isEqualTo("failure");
        assertThat(overUploading.path("message").asText()).contains("image_count_uploading is over limit of 1 due"
                + " to current usage 2 and delta 0");
        assertNothingLeft(token, copied, "active");

        assertThat(TokenRequests.send(glance, "DELETE", "/v2/images/" + staged, token, null, null).statusCode()).isEqualTo(204);
        JsonNode done = importAndAwait(token, copied, copy);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("success");
        assertThat(image(token, copied).path("stores").asText()).isEqualTo("fast,cheap");
        assertThat(TestFiles.filesIn(work.resolve("cheap"))).hasSize(1);
    }

    private static String webDownload() {
        return "{\"method\":{\"name\":\"web-download\",\"uri\":\"http://127.0.0.1:" + web.getAddress().getPort()
                + "/disk.img\"}}";
    }

    /** POST /import (202), then the task it started, once that has ended. */
    private static JsonNode importAndAwait(String token, String id, String body) throws Exception {
        List<String> before = tasksOf(token, id).stream().map(task -> task.path("id").asText()).toList();
        HttpResponse<String> accepted = TokenRequests.send(glance, "POST", "/v2/images/" + id + "/import", token, "application/json", body);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            for (JsonNode task : tasksOf(token, id)) {
                if (!before.contains(task.path("id").asText())
                        && task.path("status").asText().matches("success|failure")) {
                    return task;
                }
            }
            assertThat(System.nanoTime()).as("the import task of " + id + " ended").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static List<JsonNode> tasksOf(String token, String id) throws Exception {
        HttpResponse<String> tasks = TokenRequests.send(glance, "GET", "/v2/images/" + id + "/tasks", token, null, null);
        assertThat(tasks.statusCode()).as(tasks.body()).isEqualTo(200);
        List<JsonNode> all = new java.util.ArrayList<>();
        JSON.readTree(tasks.body()).path("tasks").forEach(all::add);
        return all;
    }

    /** The image after a refused import task: in {@code status}, nothing staged, no store pending or failed. */
    private static void assertNothingLeft(String token, String id, String status) throws Exception {
        JsonNode refused = image(token, id);
        assertThat(refused.path("status").asText()).isEqualTo(status);
        assertThat(refused.path("os_glance_importing_to_stores").asText()).isEmpty();
        assertThat(refused.path("os_glance_failed_import").asText()).as("no store was tried").isEmpty();
        assertThat(refused.has("os_glance_import_task")).as("the lock is dropped").isFalse();
        assertThat(stagedFiles(id)).isEmpty();
        assertThat(TestFiles.filesIn(work.resolve("cheap"))).isEmpty();
    }

    private static HttpResponse<String> stage(String token, String id, byte[] data) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(glance.endpoint() + "/v2/images/" + id + "/stage"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(60)).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> importGlanceDirect(String token, String id) throws Exception {
        return TokenRequests.send(glance, "POST", "/v2/images/" + id + "/import", token, "application/json",
                "{\"method\":{\"name\":\"glance-direct\"}}");
    }

    /** The image's only import task once it has ended. */
    private static JsonNode awaitTaskEnd(String token, String id) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JsonNode tasks = JSON.readTree(TokenRequests.send(glance, "GET", "/v2/images/" + id + "/tasks", token, null, null).body())
                    .path("tasks");
            assertThat(tasks).hasSize(1);
            if (tasks.get(0).path("status").asText().matches("success|failure")) {
                return tasks.get(0);
            }
            assertThat(System.nanoTime()).as("the import task of " + id + " ended").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    /** What is in staging for the image: its file, or a partial one being written. */
    private static List<Path> stagedFiles(String id) throws IOException {
        return TestFiles.filesIn(work.resolve("glance").resolve("staging")).stream()
                .filter(file -> file.getFileName().toString().contains(id)).toList();
    }

    private static HttpResponse<String> create(String token, String name) throws Exception {
        return TokenRequests.send(glance, "POST", "/v2/images", token, "application/json", "{\"name\":\"" + name
                + "\",\"disk_format\":\"raw\",\"container_format\":\"bare\"}");
    }

    private static HttpResponse<String> upload(String token, String id, byte[] data) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(glance.endpoint() + "/v2/images/" + id + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .timeout(Duration.ofSeconds(60)).PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode image(String token, String id) throws Exception {
        HttpResponse<String> shown = TokenRequests.send(glance, "GET", "/v2/images/" + id, token, null, null);
        assertThat(shown.statusCode()).as(shown.body()).isEqualTo(200);
        return JSON.readTree(shown.body());
    }
}

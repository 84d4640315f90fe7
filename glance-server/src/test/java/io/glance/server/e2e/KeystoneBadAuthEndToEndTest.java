package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bad-auth table against a real glance-api ({@code auth_strategy: keystone}) and a real Keystone: no token,
 * garbage, an expired token, a revoked one (after {@code token_cache_time}), a disabled user's, forged identity
 * headers, and Keystone stopped (503 within {@code http_connect_timeout}, then 200 again once it is back, without a
 * restart). Every attempt aims at data it must not reach: the bytes of project alpha's private image. glance-api
 * talks to a second Keystone process over the suite's database (tokens live {@value #TOKEN_LIFETIME_SECONDS} s
 * there), so the test can stop it without disturbing the other tests.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeystoneBadAuthEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TOKEN_LIFETIME_SECONDS = 12;
    private static final Duration CACHE_TIME = Duration.ofSeconds(2);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final byte[] SECRET = "alpha's private bytes".getBytes(StandardCharsets.UTF_8);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path work;
    private static KeystoneServer keystone;
    private static KeystoneServer.Instance instance;
    private static GlanceProcess glance;
    private static KeystoneServer.User alice;
    private static KeystoneServer.User bob;
    private static KeystoneServer.User eve;
    private static KeystoneServer.User service;
    private static String alicePrivate;
    /** What the statuses of the whole table were, to check that no 5xx but the Keystone outage's 503 occurred. */
    private static final List<String> ANSWERS = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        keystone = KeystoneServer.fromSuite();
        String alpha = keystone.project("alpha");
        String beta = keystone.project("beta");
        String services = keystone.project("service");
        alice = keystone.user("alice", "alpha", alpha, "member");
        bob = keystone.user("bob", "beta", beta, "member");
        eve = keystone.user("eve", "beta", beta, "member");
        service = keystone.user("glance", "service", services, "service");
        instance = keystone.startInstance(work.resolve("keystone"), GlanceProcess.reservedPort(),
                Duration.ofSeconds(TOKEN_LIFETIME_SECONDS));
        glance = GlanceProcess.start(work.resolve("glance"), "--auth_strategy", "keystone",
                "--keystone_authtoken.auth_url", instance.authUrl(),
                "--keystone_authtoken.www_authenticate_uri", "http://keystone.example:5000",
                "--keystone_authtoken.username", service.name(), "--keystone_authtoken.password", service.password(),
                "--keystone_authtoken.project_name", service.project(),
                "--keystone_authtoken.token_cache_time", Long.toString(CACHE_TIME.toSeconds()),
                "--keystone_authtoken.http_connect_timeout", Long.toString(CONNECT_TIMEOUT.toSeconds()));
        String token = keystone.token(alice);
        HttpResponse<String> created = send("POST", "/v2/images", token, Map.of("Content-Type", "application/json"),
                "{\"name\":\"alpha-secret\",\"visibility\":\"private\",\"disk_format\":\"raw\","
                        + "\"container_format\":\"bare\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode image = JSON.readTree(created.body());
        assertThat(image.get("owner").asText()).isEqualTo(alice.projectId());
        alicePrivate = image.get("id").asText();
        HttpResponse<String> uploaded = HTTP.send(request("PUT", "/v2/images/" + alicePrivate + "/file", token,
                Map.of("Content-Type", "application/octet-stream"), HttpRequest.BodyPublishers.ofByteArray(SECRET)),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(204);
        assertThat(download(token).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    @Order(1)
    void noTokenIs401NamingKeystone() throws Exception {
        HttpResponse<String> answer = download(null);
        assertRefused(answer);
        assertThat(answer.headers().firstValue("WWW-Authenticate"))
                .contains("Keystone uri=\"http://keystone.example:5000\"");
        assertThat(answer.body()).contains("X-Auth-Token");
    }

    @Test
    @Order(2)
    void garbageIs401() throws Exception {
        for (String garbage : List.of("garbage", "gAAAAABnot-a-real-fernet-token", "x".repeat(300))) {
            assertRefused(download(garbage));
        }
    }

    @Test
    @Order(3)
    void anExpiredTokenIs401EvenWhileItsValidationIsCached() throws Exception {
        String shortLived = KeystoneServer.issue(instance.authUrl(), alice.name(), alice.password(), alice.project());
        assertThat(download(shortLived).statusCode()).isEqualTo(200);
        Thread.sleep(Duration.ofSeconds(TOKEN_LIFETIME_SECONDS + 1));
        assertRefused(download(shortLived));
    }

    @Test
    @Order(4)
    void aRevokedTokenIs401OnceTheCacheTimeHasPassed() throws Exception {
        String token = keystone.token(alice);
        assertThat(download(token).statusCode()).isEqualTo(200);
        keystone.revoke(token);
        Thread.sleep(CACHE_TIME.plusMillis(500));
        assertRefused(download(token));
    }

    @Test
    @Order(5)
    void aDisabledUsersTokenIs401() throws Exception {
        String token = keystone.token(eve);
        assertThat(send("GET", "/v2/images", token, Map.of(), null).statusCode()).isEqualTo(200);
        keystone.disable(eve);
        Thread.sleep(CACHE_TIME.plusMillis(500));
        HttpResponse<String> answer = send("GET", "/v2/images", token, Map.of(), null);
        record(answer);
        assertThat(answer.statusCode()).isEqualTo(401);
    }

    @Test
    @Order(6)
    void forgedIdentityHeadersReachNothing() throws Exception {
        Map<String, String> forged = Map.of("X-Identity-Status", "Confirmed", "X-Roles", "admin",
                "X-Project-Id", alice.projectId(), "X-Tenant-Id", alice.projectId(), "X-User-Id", alice.id(),
                "X-Is-Admin-Project", "True", "X-Service-Roles", "admin");
        HttpResponse<String> alone = send("GET", "/v2/images/" + alicePrivate + "/file", null, forged, null);
        assertRefused(alone);
        String bobs = keystone.token(bob);
        for (String path : List.of("/v2/images/" + alicePrivate + "/file", "/v2/images/" + alicePrivate,
                "/v1/images/" + alicePrivate)) {
            HttpResponse<String> answer = send("GET", path, bobs, forged, null);
            record(answer);
            assertThat(answer.statusCode()).as(path).isEqualTo(404);
            assertThat(answer.body()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
        }
        HttpResponse<String> listed = send("GET", "/v2/images?visibility=all", bobs, forged, null);
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).doesNotContain(alicePrivate);
        HttpResponse<String> publicized = send("POST", "/v2/images", bobs, withJson(forged),
                "{\"name\":\"p\",\"visibility\":\"public\"}");
        record(publicized);
        assertThat(publicized.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(7)
    void keystoneStoppedIs503WithinTheConnectTimeoutAndServiceReturnsWhenItIsBack() throws Exception {
        instance.stop();
        try {
            String fresh = keystone.token(bob); // never seen by glance-api, so it must ask Keystone
            long start = System.nanoTime();
            HttpResponse<String> answer = send("GET", "/v2/images", fresh, Map.of(), null);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            ANSWERS.add(answer.statusCode() + " keystone stopped");
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            assertThat(answer.body()).contains("Keystone at " + instance.authUrl());
            assertThat(took).isLessThan(CONNECT_TIMEOUT.plusSeconds(2));
        } finally {
            instance.start();
        }
        String fresh = keystone.token(bob);
        assertThat(send("GET", "/v2/images", fresh, Map.of(), null).statusCode()).isEqualTo(200);
        assertThat(download(keystone.token(alice)).body()).isEqualTo(new String(SECRET, StandardCharsets.UTF_8));
    }

    @Test
    @Order(8)
    void noAnswerOfTheTableWasA5xxButTheOutage() {
        assertThat(ANSWERS).isNotEmpty().allSatisfy(answer -> assertThat(answer)
                .matches("(4\\d\\d .*|503 keystone stopped)"));
    }

    private static HttpResponse<String> download(String token) throws Exception {
        return send("GET", "/v2/images/" + alicePrivate + "/file", token, Map.of(), null);
    }

    private static void assertRefused(HttpResponse<String> answer) {
        record(answer);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).isPresent();
        assertThat(answer.body()).doesNotContain(new String(SECRET, StandardCharsets.UTF_8));
    }

    private static void record(HttpResponse<String> answer) {
        ANSWERS.add(answer.statusCode() + " " + answer.request().method() + " " + answer.uri().getPath());
    }

    private static Map<String, String> withJson(Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return all;
    }

    private static HttpResponse<String> send(String method, String path, String token, Map<String, String> headers,
                                             String body) throws Exception {
        return HTTP.send(request(method, path, token, headers, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest request(String method, String path, String token, Map<String, String> headers,
                                       HttpRequest.BodyPublisher body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(glance.endpoint() + path))
                .timeout(Duration.ofSeconds(60)).method(method, body);
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        return request.build();
    }
}

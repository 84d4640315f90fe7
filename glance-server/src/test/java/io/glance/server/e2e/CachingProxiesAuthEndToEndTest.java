package io.glance.server.e2e;

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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real Varnish and Squid of bin/test (etc/varnish/glance.vcl, etc/squid/glance.conf) in front of a glance-api
 * with {@code auth_strategy: keystone} and the suite's real Keystone: once an authorised client has downloaded a
 * private image through a proxy (so the proxy holds its bytes), a request with no token, a wrong token or the token
 * of another project's member gets glance-api's 401 or 404 through the proxy, and never the bytes; the owner's next
 * download still gets them. Runs after (or before) CachingProxiesEndToEndTest on the same backend port.
 */
@ResourceLock(SharedResources.PROXY_BACKEND_PORT)
class CachingProxiesAuthEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SIZE = 3 * 1024 * 1024 + 17;

    @TempDir
    static Path work;

    private static GlanceProcess glance;
    private static KeystoneServer keystone;
    private static KeystoneServer.User alice;
    private static KeystoneServer.User bob;
    private static String imageId;
    private static byte[] data;
    private static String varnish;
    private static String squid;

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        int backendPort = Integer.parseInt(RealServers.require("glance.test.proxy.backend_port", "Varnish/Squid"));
        varnish = RealServers.require("glance.test.varnish.url", "Varnish");
        squid = RealServers.require("glance.test.squid.url", "Squid");
        keystone = KeystoneServer.fromSuite();
        String alpha = keystone.project("alpha");
        String beta = keystone.project("beta");
        String services = keystone.project("service");
        alice = keystone.user("alice", "alpha", alpha, "member");
        bob = keystone.user("bob", "beta", beta, "member");
        KeystoneServer.User service = keystone.user("glance", "service", services, "service");
        String base = keystone.authUrl.replaceFirst("/v3/?$", "");
        glance = GlanceProcess.start(work.resolve("glance"), backendPort, "--auth_strategy", "keystone",
                "--keystone_authtoken.auth_url", base, "--keystone_authtoken.username", service.name(),
                "--keystone_authtoken.password", service.password(),
                "--keystone_authtoken.project_name", service.project(),
                "--http_cache_purge_urls", varnish + "," + squid);
        HttpClient http = HttpClient.newHttpClient();
        String token = keystone.token(alice);
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(glance.uri("/v2/images"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"private\", \"disk_format\": \"raw\","
                        + " \"container_format\": \"bare\", \"visibility\": \"private\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        imageId = JSON.readTree(created.body()).get("id").asText();
        data = new byte[SIZE];
        new Random(99).nextBytes(data);
        HttpResponse<String> upload = http.send(HttpRequest.newBuilder(glance.uri("/v2/images/" + imageId + "/file"))
                .header("X-Auth-Token", token).header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(data)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(204);
        awaitBackendSeenAlive(squid);
        awaitBackendSeenAlive(varnish);
    }

    /** As in CachingProxiesEndToEndTest: Squid holds a peer that was away dead until a probe succeeds. */
    private static void awaitBackendSeenAlive(String proxy) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 30_000_000_000L;
        int status;
        do {
            Thread.sleep(200);
            status = http.send(HttpRequest.newBuilder(URI.create(proxy + "/versions")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } while (status != 200 && System.nanoTime() < deadline);
        assertThat(status).as("glance-api /versions through " + proxy).isEqualTo(200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (glance != null) {
            glance.close();
        }
    }

    private HttpResponse<byte[]> download(String proxy, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(proxy + "/v2/images/" + imageId + "/file"));
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void throughVarnishOnlyAuthorisedCallersGetTheCachedBytes() throws Exception {
        onlyAuthorisedCallersGetTheBytes(varnish);
    }

    @Test
    void throughSquidOnlyAuthorisedCallersGetTheCachedBytes() throws Exception {
        onlyAuthorisedCallersGetTheBytes(squid);
    }

    private void onlyAuthorisedCallersGetTheBytes(String proxy) throws Exception {
        String owner = keystone.token(alice);
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> own = download(proxy, owner);
            assertThat(own.statusCode()).isEqualTo(200);
            assertThat(own.body()).isEqualTo(data);
        }

        record Attempt(String who, String token, int status) {
        }
        List<Attempt> attempts = new ArrayList<>(List.of(
                new Attempt("no token", null, 401),
                new Attempt("a wrong token", "gAAAAABnot-a-token-" + keystone.suffix, 401),
                new Attempt("another project's member", keystone.token(bob), 404)));
        for (Attempt attempt : attempts) {
            for (String method : List.of("GET", "HEAD")) {
                HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(proxy + "/v2/images/" + imageId + "/file"))
                        .method(method, HttpRequest.BodyPublishers.noBody());
                if (attempt.token() != null) {
                    request.header("X-Auth-Token", attempt.token());
                }
                HttpResponse<byte[]> refused = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                String what = method + " with " + attempt.who() + " through " + proxy;
                assertThat(refused.statusCode()).as(what).isEqualTo(attempt.status());
                assertThat(refused.body().length).as(what + ": body size").isLessThan(4096);
                assertThat(containsSlice(refused.body(), Arrays.copyOfRange(data, 0, 64))).as(what).isFalse();
                assertThat(refused.headers().firstValue("ETag")).as(what + ": no validator").isEmpty();
            }
        }

        HttpResponse<byte[]> again = download(proxy, owner);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).isEqualTo(data);
    }

    private static boolean containsSlice(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

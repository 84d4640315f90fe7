package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * glance-registry with {@code auth_strategy: keystone} as a real process behind the suite's real Keystone: a call
 * without a token, with garbage, or with a valid token of a user who is not a service (even with forged identity
 * headers) reaches no image; glance's service user and an admin are let in; glance-api with {@code data_api:
 * registry} and the same service user keeps working for its callers, with each project's isolation carried through
 * the registry; and a glance-api without Keystone credentials cannot use the registry at all.
 */
class RegistryKeystoneEndToEndTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path work;
    private static KeystoneServer keystone;
    private static GlanceProcess registry;
    private static GlanceProcess api;
    private static KeystoneServer.User alice;
    private static KeystoneServer.User bob;
    private static KeystoneServer.User ada;
    private static KeystoneServer.User service;
    private static String alicePrivate;

    @BeforeAll
    static void start() throws Exception {
        keystone = KeystoneServer.fromSuite();
        String alpha = keystone.project("alpha");
        String beta = keystone.project("beta");
        String ops = keystone.project("ops");
        String services = keystone.project("service");
        alice = keystone.user("alice", "alpha", alpha, "member");
        bob = keystone.user("bob", "beta", beta, "member");
        ada = keystone.user("ada", "ops", ops, "admin");
        service = keystone.user("glance", "service", services, "service");
        List<String> keystoneOptions = List.of("--auth_strategy", "keystone",
                "--keystone_authtoken.auth_url", keystone.authUrl,
                "--keystone_authtoken.username", service.name(), "--keystone_authtoken.password", service.password(),
                "--keystone_authtoken.project_name", service.project());
        registry = GlanceProcess.startRegistry(work.resolve("registry"), keystoneOptions.toArray(String[]::new));
        api = GlanceProcess.start(work.resolve("api"), concat(keystoneOptions, "--data_api", "registry",
                "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(registry.port())));

        HttpResponse<String> created = send(api, "POST", "/v2/images", keystone.token(alice),
                "{\"name\":\"alpha-secret\",\"visibility\":\"private\"}", Map.of());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        alicePrivate = JSON.readTree(created.body()).path("id").asText();
    }

    @AfterAll
    static void stop() throws Exception {
        for (GlanceProcess process : new GlanceProcess[] {api, registry}) {
            if (process != null) {
                process.close();
            }
        }
    }

    @Test
    void callsWithoutAValidTokenAre401AndReachNoImage() throws Exception {
        for (String token : new String[] {null, "garbage", "gAAAAABnot-a-real-fernet-token"}) {
            for (String path : List.of("/images", "/images/detail", "/images/" + alicePrivate)) {
                HttpResponse<String> refused = send(registry, "GET", path, token, null, Map.of());
                assertThat(refused.statusCode()).as(token + " " + path + ": " + refused.body()).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).get().asString()
                        .startsWith("Keystone uri=");
                assertThat(refused.body()).doesNotContain(alicePrivate);
            }
            HttpResponse<String> write = send(registry, "POST", "/images", token,
                    "{\"image\":{\"name\":\"sneaked-in\",\"is_public\":false}}", Map.of());
            assertThat(write.statusCode()).as(write.body()).isEqualTo(401);
        }
        assertThat(namesInRegistry()).doesNotContain("sneaked-in");
    }

    @Test
    void aValidTokenWithoutTheServiceOrAdminRoleIs403EvenWithForgedHeaders() throws Exception {
        Map<String, String> forged = Map.of("X-Roles", "service,admin", "X-Service-Roles", "service",
                "X-Identity-Status", "Confirmed", "X-Is-Admin-Project", "True");
        for (Map<String, String> headers : List.of(Map.<String, String>of(), forged)) {
            for (String path : List.of("/images/detail", "/images/" + alicePrivate)) {
                HttpResponse<String> refused = send(registry, "GET", path, keystone.token(alice), null, headers);
                assertThat(refused.statusCode()).as(path + " " + headers + ": " + refused.body()).isEqualTo(403);
                assertThat(refused.body()).doesNotContain("alpha-secret");
            }
            HttpResponse<String> write = send(registry, "DELETE", "/images/" + alicePrivate, keystone.token(bob),
                    null, headers);
            assertThat(write.statusCode()).as(write.body()).isEqualTo(403);
        }
        assertThat(namesInRegistry()).contains("alpha-secret");
    }

    @Test
    void glancesServiceUserAndAnAdminAreLetIn() throws Exception {
        // The registry trusts the services it lets in: glance's own user lists every image (is_public=false: the
        // ones that are not public), as glance-api needs to.
        assertThat(namesInRegistry()).contains("alpha-secret");
        HttpResponse<String> byAdmin = send(registry, "GET", "/images/" + alicePrivate, keystone.token(ada), null,
                Map.of());
        assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(200);
        assertThat(byAdmin.body()).contains("alpha-secret");
    }

    @Test
    void glanceApiThroughTheRegistryKeepsEachProjectsImagesApart() throws Exception {
        JsonNode shown = JSON.readTree(send(api, "GET", "/v2/images/" + alicePrivate, keystone.token(alice), null,
                Map.of()).body());
        assertThat(shown.path("owner").asText()).isEqualTo(alice.projectId());
        String bobs = keystone.token(bob);
        assertThat(send(api, "GET", "/v2/images/" + alicePrivate, bobs, null, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(send(api, "DELETE", "/v2/images/" + alicePrivate, bobs, null, Map.of()).statusCode())
                .isEqualTo(404);
        assertThat(send(api, "GET", "/v2/images", bobs, null, Map.of()).body()).doesNotContain(alicePrivate);
        assertThat(send(api, "GET", "/v2/images", keystone.token(ada), null, Map.of()).body())
                .contains(alicePrivate);
    }

    @Test
    void aGlanceApiWithoutKeystoneCredentialsCannotUseTheRegistry() {
        assertThatThrownBy(() -> GlanceProcess.start(work.resolve("anonymous-api"), "--data_api", "registry",
                "--registry_host", "127.0.0.1", "--registry_port", Integer.toString(registry.port())))
                .hasMessageContaining("glance-registry at http://127.0.0.1:" + registry.port())
                .hasMessageContaining("401");
    }

    /** The names of the registry's images that are not public, as glance's service user lists them. */
    private static String namesInRegistry() throws Exception {
        HttpResponse<String> listed = send(registry, "GET", "/images/detail?is_public=false",
                keystone.token(service), null, Map.of());
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        StringBuilder names = new StringBuilder();
        JSON.readTree(listed.body()).path("images").forEach(image -> names.append(image.path("name").asText())
                .append('\n'));
        return names.toString();
    }

    private static HttpResponse<String> send(GlanceProcess target, String method, String path, String token,
                                             String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.endpoint() + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("X-Auth-Token", token);
        }
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String[] concat(List<String> first, String... more) {
        return java.util.stream.Stream.concat(first.stream(), java.util.Arrays.stream(more)).toArray(String[]::new);
    }
}

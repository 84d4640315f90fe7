package io.glance.client.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The real Keystone bin/test starts (bin/lib/test-keystone.sh), driven through its own API with the bootstrapped
 * admin: registers an {@code image} service in a region of its own (so other tests' catalogs are untouched), logs in
 * as the test user, checks and revokes tokens. {@link #close()} removes what it registered. Without Keystone a test
 * is skipped on a developer's machine but fails under CI=true.
 */
public final class TestKeystone implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI v3;
    private final String project;
    private final String user;
    private final String password;
    private final String adminPassword;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> cleanup = new ArrayList<>();
    private String adminToken;

    private TestKeystone(URI v3, String project, String user, String password, String adminPassword) {
        this.v3 = v3;
        this.project = project;
        this.user = user;
        this.password = password;
        this.adminPassword = adminPassword;
    }

    public static TestKeystone require() {
        String[] projectAndUser = setting("glance.test.keystone.user", "GLANCE_TEST_KEYSTONE_USER").split(":", 2);
        return new TestKeystone(URI.create(setting("glance.test.keystone.auth", "GLANCE_TEST_KEYSTONE_AUTH")),
                projectAndUser[0], projectAndUser[1], setting("glance.test.keystone.key", "GLANCE_TEST_KEYSTONE_KEY"),
                setting("glance.test.keystone.admin_key", "GLANCE_TEST_KEYSTONE_ADMIN_KEY"));
    }

    private static String setting(String property, String variable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        if (value == null || value.isBlank()) {
            String message = "no test Keystone: run bin/test, which starts one (bin/lib/test-keystone.sh) and passes -D"
                    + property + " to Maven";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return value.strip();
    }

    /** Keystone's v3 URL, e.g. {@code http://127.0.0.1:5000/v3}. */
    public URI v3() {
        return v3;
    }

    public String project() {
        return project;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /** A token of the test user in its project, straight from Keystone. */
    public String userToken() throws Exception {
        return login(user, password, project);
    }

    /**
     * Registers a service of type {@code image} in a new region with a public and an internal endpoint, and returns
     * the region's id.
     */
    public String registerImageService(URI publicUrl, URI internalUrl) throws Exception {
        String region = "clients-test-" + UUID.randomUUID().toString().substring(0, 8);
        call("POST", "/regions", Map.of("region", Map.of("id", region)));
        cleanup.add("/regions/" + region);
        String service = call("POST", "/services", Map.of("service", Map.of("type", "image", "name", "glance-test")))
                .path("service").path("id").asText();
        cleanup.add("/services/" + service);
        for (Map.Entry<String, URI> endpoint : Map.of("public", publicUrl, "internal", internalUrl).entrySet()) {
            String id = call("POST", "/endpoints", Map.of("endpoint", Map.of("service_id", service, "interface",
                    endpoint.getKey(), "region_id", region, "url", endpoint.getValue().toString())))
                    .path("endpoint").path("id").asText();
            cleanup.add("/endpoints/" + id);
        }
        return region;
    }

    /** Who holds {@code token}: {@code user@project}, or empty when Keystone says it is not valid (404). */
    public Optional<String> holder(String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(v3 + "/auth/tokens"))
                .header("X-Auth-Token", adminToken()).header("X-Subject-Token", token).GET().build(),
                BodyHandlers.ofString());
        if (response.statusCode() == 404 || response.statusCode() == 401) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token check answered " + response.statusCode() + ": " + response.body());
        }
        JsonNode body = JSON.readTree(response.body()).path("token");
        return Optional.of(body.path("user").path("name").asText() + "@" + body.path("project").path("name").asText());
    }

    /** Revokes a token: Keystone refuses it from now on. */
    public void revoke(String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(v3 + "/auth/tokens"))
                .header("X-Auth-Token", adminToken()).header("X-Subject-Token", token).DELETE().build(),
                BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("revocation answered " + response.statusCode() + ": " + response.body());
        }
    }

    @Override
    public void close() throws Exception {
        // endpoints before their service, the service before its region
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            HttpRequest delete = HttpRequest.newBuilder(URI.create(v3 + cleanup.get(i)))
                    .header("X-Auth-Token", adminToken()).DELETE().build();
            send(delete, BodyHandlers.discarding());
        }
        cleanup.clear();
    }

    /**
     * Keystone under uwsgi resets kept-alive connections the JDK still holds in its pool; such a request never
     * reached Keystone, so it is sent once more on a fresh connection.
     */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            return http.send(request, handler);
        } catch (IOException staleConnection) {
            return http.send(request, handler);
        }
    }

    private synchronized String adminToken() throws Exception {
        if (adminToken == null) {
            adminToken = login("admin", adminPassword, "admin");
        }
        return adminToken;
    }

    private String login(String name, String secret, String projectName) throws Exception {
        Map<String, Object> auth = Map.of("auth", Map.of(
                "identity", Map.of("methods", List.of("password"), "password", Map.of("user", Map.of(
                        "name", name, "domain", Map.of("id", "default"), "password", secret))),
                "scope", Map.of("project", Map.of("name", projectName, "domain", Map.of("id", "default")))));
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(v3 + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(BodyPublishers.ofByteArray(JSON.writeValueAsBytes(auth))).build(), BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("login of " + name + " answered " + response.statusCode());
        }
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    private JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpResponse<String> response;
        try {
            response = send(HttpRequest.newBuilder(URI.create(v3 + path)).header("X-Auth-Token", adminToken())
                    .header("Content-Type", "application/json")
                    .method(method, BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build(),
                    BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return JSON.readTree(response.body());
    }
}

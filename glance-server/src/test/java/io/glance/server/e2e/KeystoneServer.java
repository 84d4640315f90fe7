package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The real Keystone bin/test starts (bin/lib/test-keystone.sh), driven through its v3 API with the bootstrapped admin:
 * projects, users, role assignments, tokens, revocations, catalog entries. Names get a random suffix, so test classes
 * sharing the Keystone never collide and a rerun needs no clean-up. {@link #startInstance} runs a second Keystone
 * process over the same database and keys, which a test may stop and start again.
 */
final class KeystoneServer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    final String authUrl;
    private final String adminPassword;
    private final Path config;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private String adminToken;
    /** Limits made by this fixture, removed with the service they belong to. */
    private final List<String> createdLimits = new java.util.ArrayList<>();
    private final List<String> createdRegisteredLimits = new java.util.ArrayList<>();

    private KeystoneServer(String authUrl, String adminPassword, Path config) {
        this.authUrl = authUrl;
        this.adminPassword = adminPassword;
        this.config = config;
    }

    /** The suite's Keystone; skipped (or failed under CI) when bin/test did not start one. */
    static KeystoneServer fromSuite() {
        return new KeystoneServer(RealServers.require("glance.test.keystone.auth", "Keystone"),
                RealServers.require("glance.test.keystone.admin_key", "Keystone"),
                Path.of(RealServers.require("glance.test.keystone.config", "Keystone")));
    }

    /** A user with a password and one role in one project. */
    record User(String name, String id, String password, String project, String projectId) {
    }

    String adminToken() throws Exception {
        if (adminToken == null) {
            adminToken = issue("admin", adminPassword, "admin");
        }
        return adminToken;
    }

    /** A project named {@code name-<suffix>}; returns its id. */
    String project(String name) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("project").put("name", name + "-" + suffix).put("domain_id", "default");
        return call("POST", "/projects", body, adminToken()).path("project").path("id").asText();
    }

    /** A role's id, created when Keystone does not have it (e.g. {@code service}). */
    String role(String name) throws Exception {
        JsonNode roles = call("GET", "/roles?name=" + name, null, adminToken()).path("roles");
        if (!roles.isEmpty()) {
            return roles.get(0).path("id").asText();
        }
        ObjectNode body = JSON.createObjectNode();
        body.putObject("role").put("name", name);
        try {
            return call("POST", "/roles", body, adminToken()).path("role").path("id").asText();
        } catch (IllegalStateException conflict) {
            // another test class made it meanwhile
            return call("GET", "/roles?name=" + name, null, adminToken()).path("roles").get(0).path("id").asText();
        }
    }

    /** A user named {@code name-<suffix>} with {@code role} in the project {@code projectId}. */
    User user(String name, String projectName, String projectId, String role) throws Exception {
        String password = "pw-" + UUID.randomUUID();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("user").put("name", name + "-" + suffix).put("domain_id", "default").put("password", password)
                .put("default_project_id", projectId);
        String id = call("POST", "/users", body, adminToken()).path("user").path("id").asText();
        grant(id, projectId, role);
        return new User(name + "-" + suffix, id, password, projectName + "-" + suffix, projectId);
    }

    void grant(String userId, String projectId, String role) throws Exception {
        call("PUT", "/projects/" + projectId + "/users/" + userId + "/roles/" + role(role), null, adminToken());
    }

    /** A project-scoped token for {@code user}. */
    String token(User user) throws Exception {
        return issue(user.name(), user.password(), user.project());
    }

    /** A project-scoped token, through {@code via} (another Keystone instance), or the suite's Keystone. */
    String issue(String user, String password, String project) throws Exception {
        return issue(authUrl, user, password, project);
    }

    static String issue(String authUrl, String user, String password, String project) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        identity.putObject("password").putObject("user").put("name", user).put("password", password)
                .putObject("domain").put("id", "default");
        auth.putObject("scope").putObject("project").put("name", project).putObject("domain").put("id", "default");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(authUrl + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Keystone refused a token for " + user + ": " + response.statusCode()
                    + " " + response.body());
        }
        return response.headers().firstValue("X-Subject-Token").orElseThrow();
    }

    /** Revokes a token, as {@code openstack token revoke} does. */
    void revoke(String token) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(authUrl + "/auth/tokens"))
                .header("X-Auth-Token", adminToken()).header("X-Subject-Token", token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 204) {
            throw new IllegalStateException("revoke failed: " + response.statusCode() + " " + response.body());
        }
    }

    void disable(User user) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("user").put("enabled", false);
        call("PATCH", "/users/" + user.id(), body, adminToken());
    }

    /**
     * Registers {@code url} as the {@code image} service's public, internal and admin endpoint in a region of its
     * own ({@code GlanceTest-<suffix>}), so clients with that region find this glance-api and nobody else's.
     *
     * @return the region's id
     */
    String registerImageEndpoint(String url) throws Exception {
        String region = "GlanceTest-" + suffix;
        ObjectNode regionBody = JSON.createObjectNode();
        regionBody.putObject("region").put("id", region);
        call("POST", "/regions", regionBody, adminToken());
        ObjectNode serviceBody = JSON.createObjectNode();
        serviceBody.putObject("service").put("type", "image").put("name", "glance-" + suffix);
        String service = call("POST", "/services", serviceBody, adminToken()).path("service").path("id").asText();
        for (String iface : List.of("public", "internal", "admin")) {
            ObjectNode endpoint = JSON.createObjectNode();
            endpoint.putObject("endpoint").put("service_id", service).put("interface", iface).put("region_id", region)
                    .put("url", url);
            call("POST", "/endpoints", endpoint, adminToken());
        }
        return region;
    }

    /**
     * Removes what {@link #registerImageEndpoint} made in {@code region}, and the limits made for its service: the
     * suite's Keystone is shared, and Tempest (which tests the first image service of the catalog) must find none.
     */
    void unregisterImageEndpoint(String region) throws Exception {
        java.util.Set<String> services = new java.util.LinkedHashSet<>();
        for (JsonNode endpoint : call("GET", "/endpoints?region_id=" + region, null, adminToken()).path("endpoints")) {
            services.add(endpoint.path("service_id").asText());
            call("DELETE", "/endpoints/" + endpoint.path("id").asText(), null, adminToken());
        }
        for (String limit : createdLimits) {
            call("DELETE", "/limits/" + limit, null, adminToken());
        }
        createdLimits.clear();
        for (String limit : createdRegisteredLimits) {
            call("DELETE", "/registered_limits/" + limit, null, adminToken());
        }
        createdRegisteredLimits.clear();
        for (String service : services) {
            call("DELETE", "/services/" + service, null, adminToken());
        }
        call("DELETE", "/regions/" + region, null, adminToken());
    }

    /** The id of the public image endpoint {@link #registerImageEndpoint} made in {@code region}. */
    String imageEndpointId(String region) throws Exception {
        return call("GET", "/endpoints?interface=public&region_id=" + region, null, adminToken()).path("endpoints")
                .get(0).path("id").asText();
    }

    /** The service an endpoint belongs to. */
    String serviceOfEndpoint(String endpointId) throws Exception {
        return call("GET", "/endpoints/" + endpointId, null, adminToken()).path("endpoint").path("service_id")
                .asText();
    }

    /** A limit every project of {@code serviceId} in {@code region} gets ({@code openstack registered limit create}). */
    void registeredLimit(String serviceId, String region, String resource, long defaultLimit) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("registered_limits").addObject().put("service_id", serviceId).put("region_id", region)
                .put("resource_name", resource).put("default_limit", defaultLimit);
        createdRegisteredLimits.add(call("POST", "/registered_limits", body, adminToken()).path("registered_limits")
                .get(0).path("id").asText());
    }

    /** A project's own limit ({@code openstack limit create}); returns its id. */
    String projectLimit(String serviceId, String region, String projectId, String resource, long limit)
            throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("limits").addObject().put("service_id", serviceId).put("region_id", region)
                .put("project_id", projectId).put("resource_name", resource).put("resource_limit", limit);
        String id = call("POST", "/limits", body, adminToken()).path("limits").get(0).path("id").asText();
        createdLimits.add(id);
        return id;
    }

    /** Changes a project's limit ({@code openstack limit set --resource-limit}). */
    void changeLimit(String limitId, long limit) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("limit").put("resource_limit", limit);
        call("PATCH", "/limits/" + limitId, body, adminToken());
    }

    /** A user with the reader role on the system ({@code openstack role add --system all reader}), no project. */
    User systemReader(String name) throws Exception {
        String password = "pw-" + UUID.randomUUID();
        ObjectNode body = JSON.createObjectNode();
        body.putObject("user").put("name", name + "-" + suffix).put("domain_id", "default").put("password", password);
        String id = call("POST", "/users", body, adminToken()).path("user").path("id").asText();
        call("PUT", "/system/users/" + id + "/roles/" + role("reader"), null, adminToken());
        return new User(name + "-" + suffix, id, password, null, null);
    }

    /**
     * One request, sent again once when the connection it reused had been closed under it (Keystone's uwsgi closes
     * idle keep-alive connections; the JDK client then reads no bytes at all). Keystone's calls here are idempotent or
     * failed before Keystone saw them.
     */
    private static HttpResponse<String> send(HttpRequest request, HttpResponse.BodyHandler<String> handler)
            throws Exception {
        try {
            return HTTP.send(request, handler);
        } catch (java.io.IOException e) {
            if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
                throw e;
            }
            return HTTP.send(request, handler);
        }
    }

    private JsonNode call(String method, String path, JsonNode body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(authUrl + path))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()));
        HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " failed: " + response.statusCode() + " "
                    + response.body());
        }
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }

    /**
     * A second Keystone process (uwsgi) over the suite's database and keys, on {@code port}, with tokens that live
     * {@code tokenLifetime}; tests stop and restart it to take Keystone away from glance-api.
     */
    Instance startInstance(Path dir, int port, Duration tokenLifetime) throws Exception {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(config)) {
            if (line.startsWith("log_file")) {
                line = "log_file = " + dir.resolve("keystone.log");
            }
            lines.add(line);
            if (line.strip().equals("[token]")) {
                lines.add("expiration = " + tokenLifetime.toSeconds());
            }
        }
        Path conf = dir.resolve("keystone.conf");
        Files.write(conf, lines);
        Instance instance = new Instance(conf, dir, port);
        instance.start();
        return instance;
    }

    /** One Keystone process; {@link #stop} and {@link #start} may repeat. */
    static final class Instance implements AutoCloseable {
        private final Path conf;
        private final Path dir;
        final int port;
        private Process process;

        private Instance(Path conf, Path dir, int port) {
            this.conf = conf;
            this.dir = dir;
            this.port = port;
        }

        String authUrl() {
            return "http://127.0.0.1:" + port + "/v3";
        }

        void start() throws Exception {
            String wsgi = "/usr/bin/keystone-wsgi-public";
            ProcessBuilder builder = new ProcessBuilder("uwsgi", "--plugin", "python3", "--http11-socket",
                    "127.0.0.1:" + port, "--wsgi-file", wsgi, "--processes", "1", "--threads", "4",
                    "--die-on-term", "--env", "OS_KEYSTONE_CONFIG_FILES=" + conf)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                            dir.resolve("uwsgi.log").toFile()));
            builder.environment().put("OS_KEYSTONE_CONFIG_FILES", conf.toString());
            process = builder.start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("Keystone exited: " + Files.readString(dir.resolve("uwsgi.log")));
                }
                try {
                    HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(authUrl())).build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (response.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("Keystone did not start on port " + port);
        }

        void stop() throws InterruptedException {
            if (process != null) {
                process.destroy();
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                process = null;
            }
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cloud admin of the Keystone bin/test starts (user and project {@code admin} in domain Default, from
 * {@code keystone-manage bootstrap}), through Keystone's own v3 API: puts glance-api into the catalog as the
 * {@code image} service, as a deployment's installer would, and takes it out again.
 */
final class KeystoneAdmin {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI v3;
    private final String token;

    private KeystoneAdmin(URI v3, String token) {
        this.v3 = v3;
        this.token = token;
    }

    /** @param v3 Keystone's v3 URL, e.g. {@code http://127.0.0.1:5000/v3} */
    static KeystoneAdmin login(String v3, String adminPassword) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode auth = body.putObject("auth");
        ObjectNode identity = auth.putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", "admin").put("password", adminPassword).putObject("domain").put("id", "default");
        ObjectNode project = auth.putObject("scope").putObject("project");
        project.put("name", "admin").putObject("domain").put("id", "default");
        HttpRequest request = HttpRequest.newBuilder(URI.create(v3 + "/auth/tokens"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).timeout(Duration.ofSeconds(60)).build();
        HttpResponse<String> response = new KeystoneAdmin(URI.create(v3), null).send(request, 201);
        String token = response.headers().firstValue("X-Subject-Token")
                .orElseThrow(() -> new IllegalStateException("Keystone " + v3 + " answered no X-Subject-Token"));
        return new KeystoneAdmin(URI.create(v3), token);
    }

    /** The image services in the catalog, as {@code id (name)}. */
    List<String> imageServices() throws IOException, InterruptedException {
        JsonNode services = call("GET", "/services?type=image", null, 200).get("services");
        List<String> found = new ArrayList<>();
        services.forEach(service -> found.add(service.get("id").textValue() + " (" + service.get("name").textValue()
                + ")"));
        return found;
    }

    /**
     * Registers {@code endpoint} as the image service's public, internal and admin endpoint in {@code region};
     * closing the registration deletes the service and its endpoints.
     */
    Registration registerImageService(String endpoint, String region) throws IOException, InterruptedException {
        ObjectNode service = JSON.createObjectNode();
        service.putObject("service").put("type", "image").put("name", "glance")
                .put("description", "glance-api under test");
        String serviceId = call("POST", "/services", service, 201).get("service").get("id").textValue();
        Registration registration = new Registration(serviceId, new ArrayList<>());
        try {
            for (String iface : List.of("public", "internal", "admin")) {
                ObjectNode body = JSON.createObjectNode();
                body.putObject("endpoint").put("service_id", serviceId).put("interface", iface)
                        .put("region_id", region).put("url", endpoint);
                registration.endpointIds.add(call("POST", "/endpoints", body, 201).get("endpoint").get("id")
                        .textValue());
            }
        } catch (IOException | RuntimeException e) {
            registration.close();
            throw e;
        }
        return registration;
    }

    final class Registration implements AutoCloseable {
        private final String serviceId;
        private final List<String> endpointIds;

        private Registration(String serviceId, List<String> endpointIds) {
            this.serviceId = serviceId;
            this.endpointIds = endpointIds;
        }

        @Override
        public void close() throws IOException {
            try {
                for (String id : endpointIds) {
                    call("DELETE", "/endpoints/" + id, null, 204);
                }
                call("DELETE", "/services/" + serviceId, null, 204);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while removing the image service from Keystone", e);
            }
        }
    }

    private JsonNode call(String method, String path, JsonNode body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(v3 + path))
                .header("Content-Type", "application/json").header("X-Auth-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body.toString()))
                .timeout(Duration.ofSeconds(60)).build();
        String text = send(request, expected).body();
        return text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    }

    private HttpResponse<String> send(HttpRequest request, int expected) throws IOException, InterruptedException {
        // A new connection for each call: uwsgi closes kept-alive connections that sat idle (during a Tempest run),
        // and a DELETE sent on such a one gets no answer at all.
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != expected) {
            throw new IllegalStateException("Keystone answered " + response.statusCode() + " to " + request.method()
                    + " " + request.uri() + " (expected " + expected + "): " + response.body());
        }
        return response;
    }
}

package io.glance.server.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Compact catalog requests for end-to-end tests. Paths are sent as Tempest sends them: names raw, {@code ::}
 * included; only spaces are escaped.
 */
final class MetadefHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private final String endpoint;

    MetadefHttp(String endpoint) {
        this.endpoint = endpoint;
    }

    Reply send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path.replace(" ", "%20")));
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        // Errors then come as JSON (Glance's webob answers HTML to clients that do not ask).
        request.header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(response.statusCode(), response.body());
    }

    Reply get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    Reply post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    Reply put(String path, String body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    Reply delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, null);
    }
}

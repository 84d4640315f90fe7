package io.glance.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.glance.http.common.Json;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webclient.http1.Http1ClientRequest;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webclient.http1.Http1Client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Compact requests for routing tests: every answer is read whole and closed. */
final class Http {
    private final Http1Client client;

    Http(Http1Client client) {
        this.client = client;
    }

    /** A finished answer. */
    record Reply(int status, Map<String, String> headers, String body) {

        Optional<String> header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue).findFirst();
        }

        JsonNode json() {
            try {
                return Json.parse(body.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }

        String id() {
            return json().get("id").textValue();
        }
    }

    Reply get(String path, String... headers) {
        return send(Method.GET, path, null, headers);
    }

    Reply delete(String path, String... headers) {
        return send(Method.DELETE, path, null, headers);
    }

    Reply post(String path, String json, String... headers) {
        return send(Method.POST, path, json, withDefault(headers, "Content-Type", "application/json"));
    }

    Reply put(String path, String json, String... headers) {
        return send(Method.PUT, path, json, withDefault(headers, "Content-Type", "application/json"));
    }

    Reply patch(String path, String json) {
        return send(Method.PATCH, path, json, "Content-Type", "application/openstack-images-v2.1-json-patch");
    }

    /** Creates an image and returns its id. */
    String create(String json) {
        Reply reply = post("/v2/images", json);
        if (reply.status() != 201) {
            throw new AssertionError("create failed: " + reply);
        }
        return reply.id();
    }

    /** @param headers name, value, name, value ... */
    Reply send(Method method, String path, String body, String... headers) {
        // URI, not String: uri(String) would percent-encode the '?' of a query.
        Http1ClientRequest request = client.method(method).uri(URI.create(path)).followRedirects(false);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(HeaderNames.create(headers[i]), headers[i + 1]);
        }
        try (Http1ClientResponse response = body == null ? request.request() : request.submit(
                body.getBytes(StandardCharsets.UTF_8))) {
            Map<String, String> received = new LinkedHashMap<>();
            response.headers().forEach(header -> received.put(header.name(), header.get()));
            String text = response.entity().hasEntity() ? response.entity().as(String.class) : "";
            return new Reply(response.status().code(), received, text);
        }
    }

    private static String[] withDefault(String[] headers, String name, String value) {
        for (int i = 0; i < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase(name)) {
                return headers;
            }
        }
        String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
        all[headers.length] = name;
        all[headers.length + 1] = value;
        return all;
    }
}

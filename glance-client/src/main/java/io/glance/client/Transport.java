package io.glance.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP exchange with one endpoint: headers every request carries ({@code Accept: application/json} so errors
 * come back as JSON, the token), JSON bodies both ways, and failures turned into typed exceptions.
 */
final class Transport {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final URI endpoint;
    private final Optional<String> token;
    private final HttpClient http;

    Transport(URI endpoint, Optional<String> token) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.token = requireNonNull(token, "token is null");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Sends {@code body} (if not null) as JSON and returns the answer's JSON object, empty for an empty answer. */
    Map<String, Object> json(String method, String path, String contentType, Object body) {
        HttpRequest.Builder builder = request(path);
        if (body == null) {
            builder.method(method, BodyPublishers.noBody());
        } else {
            try {
                builder.header("Content-Type", contentType)
                        .method(method, BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot serialise " + body, e);
            }
        }
        return json(method, path, builder.build());
    }

    /** Sends a request built by the caller and returns the answer's JSON object, empty for an empty answer. */
    Map<String, Object> json(String method, String path, HttpRequest request) {
        HttpResponse<String> response = send(request, BodyHandlers.ofString());
        check(method, path, response.statusCode(), contentType(response), response.body());
        String text = response.body();
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(text, OBJECT);
        } catch (IOException e) {
            throw new GlanceClientException(response.statusCode(), "", method + " " + path
                    + " answered with a body that is no JSON object: " + abbreviate(text), e);
        }
    }

    HttpRequest.Builder request(String path) {
        // next links are path-only ("/v2/images?..."): glanceclient follows them relative to the endpoint.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Accept", "application/json")
                .header("User-Agent", "glance-java-client");
        token.ifPresent(value -> builder.header("X-Auth-Token", value));
        return builder;
    }

    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new GlanceConnectionException("Failed to talk to glance-api at " + endpoint + " ("
                    + request.method() + " " + request.uri().getRawPath() + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceConnectionException("interrupted during " + request.method() + " "
                    + request.uri().getRawPath(), new InterruptedIOException(e.getMessage()));
        }
    }

    static void check(String method, String path, int status, String contentType, String body) {
        if (status >= 300) {
            throw ErrorResponses.toException(method, path, status, contentType, body);
        }
    }

    static String contentType(HttpResponse<?> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}

package io.glance.adapters.keystone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.domain.ServiceUnavailableException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * JSON calls to Keystone's v3 API. Anything that means "Keystone cannot answer now" (refused connection, timeout,
 * a body that is not JSON) becomes a {@link ServiceUnavailableException} naming Keystone; HTTP statuses are left
 * to the caller, which knows what each means for its call.
 */
final class KeystoneHttp {
    static final ObjectMapper JSON = new ObjectMapper();

    private final URI v3;
    private final Duration timeout;
    private final HttpClient http;

    KeystoneHttp(URI v3, Duration timeout) {
        this.v3 = requireNonNull(v3, "v3 is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** An answer: its status, the headers the callers need, and its JSON body ({@code null} when empty). */
    record Answer(int status, HttpHeaders headers, JsonNode body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /**
     * @param path    below {@code /v3}, e.g. {@code /auth/tokens}
     * @param body    a JSON document to send, or {@code null}
     */
    Answer send(String method, String path, JsonNode body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(v3 + path)).timeout(timeout)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw unavailable(method + " " + path + ": " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while waiting for " + method + " " + path, e);
        }
        JsonNode json = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                json = JSON.readTree(text);
            } catch (IOException e) {
                if (response.statusCode() < 300) {
                    throw unavailable(method + " " + path + " answered " + response.statusCode()
                            + " with a body that is not JSON", e);
                }
            }
        }
        return new Answer(response.statusCode(), response.headers(), json);
    }

    /** Keystone's error message from an error answer ({@code {"error": {"message": ...}}}), or the status alone. */
    static String errorMessage(Answer answer) {
        JsonNode message = answer.body() == null ? null : answer.body().path("error").get("message");
        return "HTTP " + answer.status() + (message == null ? "" : " (" + message.asText() + ")");
    }

    ServiceUnavailableException unavailable(String what, Throwable cause) {
        return new ServiceUnavailableException("Keystone at " + v3 + " is unavailable: " + what, cause);
    }

    private String describe(IOException e) {
        if (e instanceof java.net.http.HttpTimeoutException || e instanceof java.net.http.HttpConnectTimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return v3.toString();
    }
}

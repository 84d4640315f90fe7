package io.glance.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.HttpsURLConnection;

import static java.util.Objects.requireNonNull;

/**
 * The HTTP exchange with one endpoint: headers every request carries ({@code Accept: application/json} so errors
 * come back as JSON, the token), JSON bodies both ways, and failures turned into typed exceptions. A request answered
 * 401 is sent once more with a renewed token when the token source can renew it and the body can be sent again.
 */
final class Transport {
    /**
     * Jackson, loaded with the first JSON request: an upload of a file sends none, and the mapper's 376 classes were
     * a tenth of such a command's start (bench/README.md).
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
        static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };
    }

    private final URI endpoint;
    private final TokenSource tokens;
    private final LazyHttpClient http;

    Transport(URI endpoint, Optional<String> token) {
        this(endpoint, TokenSource.fixed(requireNonNull(token, "token is null")),
                new LazyHttpClient(Duration.ofSeconds(10), null));
    }

    Transport(URI endpoint, TokenSource tokens, LazyHttpClient http) {
        this.endpoint = requireNonNull(endpoint, "endpoint is null");
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.http = requireNonNull(http, "http is null");
    }

    /** HTTP/1.1 (glance-api streams large bodies; h2c upgrades only cost a round trip), with the given TLS trust. */
    static HttpClient httpClient(Duration connectTimeout, javax.net.ssl.SSLContext tls) {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout);
        if (tls != null) {
            builder.sslContext(tls);
        }
        return builder.build();
    }

    URI endpoint() {
        return endpoint;
    }

    /** Stops the HTTP client of this endpoint (see {@link LazyHttpClient#close()}). */
    void close() {
        http.close();
    }

    /**
     * Sends {@code body} (if not null) as JSON and returns the answer's JSON object, empty for an empty answer. A
     * request without a body over plain http (a show, a list, the record a download checks against) goes out on a
     * socket of its own instead ({@link #plainJson}).
     */
    Map<String, Object> json(String method, String path, String contentType, Object body) {
        if (body == null && "http".equalsIgnoreCase(endpoint.getScheme())) {
            return plainJson(method, path);
        }
        HttpRequest.Builder builder = request(path);
        if (body == null) {
            builder.method(method, BodyPublishers.noBody());
        } else {
            try {
                builder.header("Content-Type", contentType)
                        .method(method, BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
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
        return parse(method, path, response.statusCode(), response.body());
    }

    /**
     * A request without a body over plain http, written by the client on its own socket ({@link PlainExchange}) and
     * its whole answer read as text; same headers, 401 renewal and failures as {@link #send}. The JDK HttpClient
     * costs a cold command its build (selector thread, the default TLS context even for http) before the first
     * byte: 1.4-3.3 s against 0.06-0.23 s for a socket and a GET in a cold JVM at load 14 (bench/README.md).
     */
    private Map<String, Object> plainJson(String method, String path) {
        http.ensureOpen();
        Optional<String> token = tokens.current();
        TextAnswer answer = plainText(method, path, token);
        if (answer.status() == 401 && token.isPresent()) {
            Optional<String> renewed = tokens.renew(token.get());
            if (renewed.isPresent()) {
                answer = plainText(method, path, renewed);
            }
        }
        check(method, path, answer.status(), answer.contentType(), answer.text());
        return parse(method, path, answer.status(), answer.text());
    }

    private record TextAnswer(int status, String contentType, String text) {
    }

    private TextAnswer plainText(String method, String path, Optional<String> token) {
        URI uri = URI.create(endpoint + path);
        try (DataResponse response = plainExchange(method, uri, Map.of(), null, token)) {
            String text = new String(response.body().readAllBytes(), StandardCharsets.UTF_8);
            return new TextAnswer(response.status(), response.contentType(), text);
        } catch (IOException e) {
            throw connectionFailure(method, uri, e);
        }
    }

    private static Map<String, Object> parse(String method, String path, int status, String text) {
        if (text == null || text.isBlank()) {
            return Map.of();
        }
        try {
            return Json.MAPPER.readValue(text, Json.OBJECT);
        } catch (IOException e) {
            throw new GlanceClientException(status, "", method + " " + path
                    + " answered with a body that is no JSON object: " + abbreviate(text), e);
        }
    }

    HttpRequest.Builder request(String path) {
        // next links are path-only ("/v2/images?..."): glanceclient follows them relative to the endpoint.
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(endpoint + path))
                .header("Accept", "application/json")
                .header("User-Agent", "glance-java-client");
        return builder;
    }

    /** Sends with the current token; on a 401, once more with a renewed one when there is one and it may. */
    <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Optional<String> token = tokens.current();
        HttpResponse<T> response = exchange(withToken(request, token), handler);
        if (response.statusCode() == 401 && token.isPresent() && UploadBody.canSendAgain(request)) {
            Optional<String> renewed = tokens.renew(token.get());
            if (renewed.isPresent()) {
                discard(response);
                response = exchange(withToken(request, renewed), handler);
            }
        }
        return response;
    }

    /**
     * A data request (upload or download) over a plain blocking connection: the body written and the answer read in
     * 1 MiB blocks on the calling thread, which costs a fifth of the CPU of the HttpClient's 16 KiB chunks passed
     * between its threads (bench/client.sh). Same endpoint, TLS trust, connect timeout and token as {@link #send};
     * answered 401, it is sent once more with a renewed token when the body can be written again. The caller closes
     * the answer. HttpURLConnection knows no PATCH: such requests go through {@link #send}. Over plain http a file is
     * uploaded with sendfile and a download read straight from the socket instead ({@link PlainExchange}).
     */
    DataResponse data(String method, String path, Map<String, String> headers, DataBody body) {
        Optional<String> token = tokens.current();
        DataResponse response = dataExchange(method, path, headers, body, token);
        if (response.status() == 401 && token.isPresent() && (body == null || body.repeatable())) {
            Optional<String> renewed = tokens.renew(token.get());
            if (renewed.isPresent()) {
                response.close();
                response = dataExchange(method, path, headers, body, renewed);
            }
        }
        return response;
    }

    private DataResponse dataExchange(String method, String path, Map<String, String> headers, DataBody body,
            Optional<String> token) {
        URI uri = URI.create(endpoint + path);
        if (PlainExchange.applies(uri, body)) {
            return plainExchange(method, uri, headers, body, token);
        }
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection(Proxy.NO_PROXY);
            if (connection instanceof HttpsURLConnection https) {
                https.setSSLSocketFactory(http.sslContext().getSocketFactory());
            }
            http.connectTimeout().ifPresent(timeout -> connection.setConnectTimeout((int) timeout.toMillis()));
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod(method);
        } catch (IOException e) {
            throw connectionFailure(method, uri, e);
        }
        connection.setRequestProperty("Accept", "application/json");
        connection.setRequestProperty("User-Agent", "glance-java-client");
        token.ifPresent(value -> connection.setRequestProperty("X-Auth-Token", value));
        headers.forEach(connection::setRequestProperty);
        try {
            if (body != null) {
                connection.setDoOutput(true);
                if (body.length() >= 0) {
                    connection.setFixedLengthStreamingMode(body.length());
                } else {
                    connection.setChunkedStreamingMode(DataBody.BLOCK);
                }
                writeBody(connection, body);
            }
            int status = connection.getResponseCode();
            InputStream answer = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            return new DataResponse(status, connection.getHeaderFields(), answer, connection::disconnect);
        } catch (DataBody.SourceException e) {
            connection.disconnect();
            throw new GlanceClientException(0, "", method + " " + uri.getRawPath() + " stopped: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            connection.disconnect();
            throw connectionFailure(method, uri, e);
        }
    }

    /**
     * A file upload or a download over plain http on the client's own socket (see {@link PlainExchange}), same
     * headers and failures.
     */
    private DataResponse plainExchange(String method, URI uri, Map<String, String> headers, DataBody body,
            Optional<String> token) {
        Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("Accept", "application/json");
        all.put("User-Agent", "glance-java-client");
        token.ifPresent(value -> all.put("X-Auth-Token", value));
        all.putAll(headers);
        try {
            return PlainExchange.exchange(uri, method, all, body, http.connectTimeout().orElse(null));
        } catch (DataBody.SourceException e) {
            throw new GlanceClientException(0, "", method + " " + uri.getRawPath() + " stopped: " + e.getMessage(),
                    e);
        } catch (IOException e) {
            throw connectionFailure(method, uri, e);
        }
    }

    /**
     * Writes the body; when the connection breaks, the server may have answered early (413 for a too large image,
     * 400 for a refused format) and closed: then its answer is what the caller gets, else the write's failure.
     */
    private static void writeBody(HttpURLConnection connection, DataBody body) throws IOException {
        try (OutputStream out = connection.getOutputStream()) {
            body.writeTo(out);
        } catch (DataBody.SourceException e) {
            throw e;
        } catch (IOException e) {
            try {
                connection.getResponseCode();
            } catch (IOException noAnswer) {
                e.addSuppressed(noAnswer);
                throw e;
            }
        }
    }

    private GlanceConnectionException connectionFailure(String method, URI uri, IOException e) {
        return new GlanceConnectionException("Failed to talk to glance-api at " + endpoint + " (" + method + " "
                + uri.getRawPath() + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())
                + tlsHint(e), e);
    }

    private static HttpRequest withToken(HttpRequest request, Optional<String> token) {
        if (token.isEmpty()) {
            return request;
        }
        return HttpRequest.newBuilder(request, (name, value) -> !name.equalsIgnoreCase("X-Auth-Token"))
                .header("X-Auth-Token", token.get()).build();
    }

    private static void discard(HttpResponse<?> response) {
        if (response.body() instanceof java.io.InputStream body) {
            try {
                body.close();
            } catch (IOException ignored) {
                // the connection is dropped; nothing else depends on it
            }
        }
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.get().send(request, handler);
        } catch (IOException e) {
            throw new GlanceConnectionException("Failed to talk to glance-api at " + endpoint + " ("
                    + request.method() + " " + request.uri().getRawPath() + "): "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + tlsHint(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GlanceConnectionException("interrupted during " + request.method() + " "
                    + request.uri().getRawPath(), new InterruptedIOException(e.getMessage()));
        }
    }

    /** A failed handshake usually means the wrong CA (or http:// against https): say where to look. */
    static String tlsHint(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return " (TLS failed: is OS_CACERT / --os-cacert the CA that signed the server's certificate, and "
                        + "does the server speak https?)";
            }
        }
        return "";
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

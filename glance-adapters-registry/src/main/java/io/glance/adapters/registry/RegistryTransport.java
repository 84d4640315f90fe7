package io.glance.adapters.registry;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.glance.domain.ConflictException;
import io.glance.domain.ForbiddenException;
import io.glance.domain.GlanceException;
import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.glance.domain.NotFoundException;
import io.glance.domain.ServiceUnavailableException;
import io.glance.registry.protocol.RegistryHeaders;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * JSON requests to one glance-registry, every failure turned into the domain exception the repository port
 * documents: the registry's 400/403/404/409 into their domain twins, and anything that means "the metadata store is
 * not there" (connection refused, timeout, 5xx) into {@link ServiceUnavailableException}, which the API answers 503.
 */
final class RegistryTransport implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI base;
    private final RegistryConnections connections;
    private final Supplier<String> token;
    private final Supplier<String> requestId;

    /**
     * @param token glance-api's own Keystone token for each request, or {@code null} when the registry has no auth
     * @param tls   the TLS trust (and client certificate) for an https registry, or {@code null} for the JDK's
     * @param requestId the id of the API request being served, sent with each registry call (or {@code null} from
     *                  the supplier, outside a request: the registry then makes its own)
     */
    RegistryTransport(URI base, Duration timeout, Supplier<String> token, javax.net.ssl.SSLContext tls,
                      Supplier<String> requestId) {
        this.base = requireNonNull(base, "base is null");
        requireNonNull(timeout, "timeout is null");
        this.token = token;
        this.requestId = requireNonNull(requestId, "requestId is null");
        this.connections = new RegistryConnections(base, timeout, tls);
    }

    /** Reads a registry's JSON answer from a parser over its body, without a tree when it can. */
    @FunctionalInterface
    interface AnswerReader<T> {
        T read(JsonParser answer) throws IOException;
    }

    /** Writes a request's JSON body straight to a generator. */
    @FunctionalInterface
    interface BodyWriter {
        void write(JsonGenerator body) throws IOException;
    }

    /** Sends {@code body} (or nothing) and returns the answer's JSON, {@code null} for an empty answer. */
    JsonNode send(String method, String path, JsonNode body, Map<String, String> headers) {
        return send(method, path, body == null ? null : json -> JSON.writeTree(json, body), headers,
                JSON::readTree);
    }

    /**
     * Sends the body {@code body} writes (or nothing, when it is {@code null}) and reads the answer with
     * {@code reader}; {@code null} for an empty answer.
     */
    <T> T send(String method, String path, BodyWriter body, Map<String, String> headers, AnswerReader<T> reader) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("Accept", "application/json");
        sent.putAll(headers);
        if (token != null) {
            sent.put("X-Auth-Token", token.get());
        }
        String id = requestId.get();
        if (passable(id)) {
            sent.put(RegistryHeaders.REQUEST_ID, id);
        }
        byte[] bytes = null;
        if (body != null) {
            sent.put("Content-Type", "application/json");
            bytes = bytes(body);
        }
        URI target = base.resolve(path);
        RegistryConnections.Answer answer;
        try {
            answer = connections.exchange(method, target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery()), sent, bytes);
        } catch (IOException e) {
            throw new ServiceUnavailableException("glance-registry at " + base + " cannot be reached (" + method + " /"
                    + path + "): " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        }
        int status = answer.status();
        if (status >= 300) {
            throw failure(status, message(new String(answer.body(), StandardCharsets.UTF_8)), method + " /" + path);
        }
        if (isBlank(answer.body())) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(answer.body())) {
            parser.nextToken();
            return reader.read(parser);
        } catch (IOException e) {
            throw new ServiceUnavailableException("glance-registry at " + base + " answered " + method + " " + path
                    + " with a body that is not JSON", e);
        }
    }

    private static byte[] bytes(BodyWriter body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(1024);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            body.write(json);
        } catch (IOException e) {
            throw new IllegalStateException("A request for glance-registry could not be written as JSON", e);
        }
        return bytes.toByteArray();
    }

    /**
     * An id the registry takes as it is: glance-api prefixes a client's id of up to 64 characters with {@code req-},
     * which could make it too long for the registry (431, a failed call); such a call goes without, as do ids with
     * characters a header cannot carry.
     */
    static boolean passable(String id) {
        if (id == null || id.isEmpty() || id.length() > RegistryHeaders.MAX_REQUEST_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBlank(byte[] body) {
        for (byte b : body) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    private GlanceException failure(int status, String message, String request) {
        return switch (status) {
            case 400 -> new InvalidInputException(message);
            case 403 -> new ForbiddenException(message);
            case 404 -> new NotFoundException(message);
            case 409 -> new ConflictException(message);
            case 413 -> new LimitExceededException(message);
            default -> new ServiceUnavailableException("glance-registry at " + base + " failed " + request
                    + " with HTTP " + status + (message.isEmpty() ? "" : ": " + message), null);
        };
    }

    /** The registry answers errors as {@code {"message": ...}} (the API's JSON error form). */
    private static String message(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode json = JSON.readTree(body);
            if (json.hasNonNull("message")) {
                return withoutBreaks(json.get("message").asText());
            }
            for (JsonNode value : json) {
                if (value.isObject() && value.hasNonNull("message")) {
                    return withoutBreaks(value.get("message").asText());
                }
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return body.strip();
    }

    /** The API's JSON errors keep the {@code <br /><br />} of webob's HTML template; a domain message should not. */
    private static String withoutBreaks(String message) {
        return message.replaceAll("(?i)(<br\\s*/?>\\s*)+", " ").strip();
    }

    /** Closes the registry connections and ends their deadline watcher's thread. */
    @Override
    public void close() {
        connections.close();
    }
}

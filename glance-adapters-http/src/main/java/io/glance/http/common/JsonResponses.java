package io.glance.http.common;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Sends JSON answers with the media type glanceclient parses ({@code application/json}). */
public final class JsonResponses {
    private static final String JSON = "application/json";
    /** The first block of a {@link #sendSmall} body; more are added as it grows. */
    private static final int SMALL_ANSWER_BYTES = 4 * 1024;

    private JsonResponses() {
    }

    public static void send(ServerResponse res, Status status, JsonNode body) {
        send(res, status, Json.bytes(body));
    }

    /** What writes a body straight to the response with a {@link JsonGenerator}. */
    @FunctionalInterface
    public interface Body {
        void write(JsonGenerator json) throws IOException;
    }

    /**
     * Writes the body to the response stream as it is generated (lists: no tree, no byte array of the whole
     * answer). Helidon sends a body that fits its output buffer with a Content-Length, a longer one chunked.
     */
    public static void stream(ServerResponse res, Status status, Body body) {
        res.status(status);
        res.headers().set(HeaderNames.CONTENT_TYPE, JSON);
        try (JsonGenerator json = Json.generator(res.outputStream())) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JSON answer: " + e.getMessage(), e);
        }
    }

    /**
     * Generates a small body into a byte array and sends it in one write with a Content-Length. For answers known
     * to be small (one image, a short page): Helidon gives each {@link #stream} answer an output buffer of the
     * server's whole write buffer size, allocated and zeroed per response, which cost more than the answer's bytes.
     */
    public static void sendSmall(ServerResponse res, Status status, Body body) {
        ByteArrayBuilder bytes = new ByteArrayBuilder(SMALL_ANSWER_BYTES);
        try (JsonGenerator json = Json.generator(bytes)) {
            body.write(json);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the JSON answer: " + e.getMessage(), e);
        }
        send(res, status, bytes.toByteArray());
    }

    public static void send(ServerResponse res, Status status, byte[] json) {
        res.status(status);
        res.headers().set(HeaderNames.CONTENT_TYPE, JSON);
        res.send(json);
    }
}

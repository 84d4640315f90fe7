package io.glance.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer to a data request (an upload or a download): status, headers and the body, still streaming. Closing it
 * closes the body; the connection goes back to the keep-alive pool when the body was read to its end.
 */
final class DataResponse implements AutoCloseable {
    private static final int MAX_ERROR_TEXT = 64 * 1024;

    private final int status;
    private final Map<String, List<String>> headers;
    private final InputStream body;
    private final Runnable disconnect;

    /** {@code disconnect} drops the connection (a download given up half-way must not be read to its end). */
    DataResponse(int status, Map<String, List<String>> headers, InputStream body, Runnable disconnect) {
        this.status = status;
        this.headers = headers;
        this.body = body == null ? InputStream.nullInputStream() : body;
        this.disconnect = disconnect;
    }

    int status() {
        return status;
    }

    /** The first value of a header, names compared without case. */
    Optional<String> header(String name) {
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            if (entry.getKey() != null && entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return Optional.of(entry.getValue().getFirst());
            }
        }
        return Optional.empty();
    }

    String contentType() {
        return header("Content-Type").orElse("");
    }

    InputStream body() {
        return body;
    }

    /** The body as text (an error's explanation), at most 64 KiB of it. */
    String text() {
        try {
            return new String(body.readNBytes(MAX_ERROR_TEXT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Throws the typed exception of an error status, with the server's explanation. */
    void check(String method, String path) {
        if (status >= 300) {
            String text = text();
            close();
            Transport.check(method, path, status, contentType(), text);
        }
    }

    /** Drops the connection instead of reading the rest of the body (a download given up half-way). */
    void abort() {
        disconnect.run();
        close();
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // the answer has been read or given up; nothing depends on the close
        }
    }
}

package io.glance.http.errors;

import java.util.Map;

/**
 * An error that only exists at the HTTP level (wrong method, media type or header), with the status code and the
 * headers the answer needs. Domain failures use the domain's exceptions instead.
 */
public final class HttpStatusException extends RuntimeException {
    private final int status;
    private final Map<String, String> headers;

    public HttpStatusException(int status, String message) {
        this(status, message, Map.of());
    }

    public HttpStatusException(int status, String message, Map<String, String> headers) {
        // Expected client errors: a stack trace would only cost time.
        super(message, null, false, false);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("not an error status: " + status);
        }
        this.status = status;
        this.headers = Map.copyOf(headers);
    }

    public int status() {
        return status;
    }

    /** Headers the error answer must carry, e.g. {@code Allow} on 405. */
    public Map<String, String> headers() {
        return headers;
    }
}

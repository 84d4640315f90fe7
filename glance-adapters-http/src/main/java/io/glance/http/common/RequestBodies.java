package io.glance.http.common;

import io.glance.domain.InvalidInputException;
import io.glance.domain.LimitExceededException;
import io.helidon.webserver.http.ServerRequest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/** Rules about request bodies that are not image data. */
public final class RequestBodies {

    private RequestBodies() {
    }

    /**
     * Whether the request announces a body: a positive Content-Length or chunked transfer coding. A Content-Type
     * alone is no body: glanceclient sends {@code application/octet-stream} on every bodiless GET and DELETE.
     */
    public static boolean announced(ServerRequest req) {
        OptionalLong length = req.headers().contentLength();
        if (length.isPresent()) {
            return length.getAsLong() > 0;
        }
        return req.content().hasEntity();
    }

    /** Glance's {@code body_reject}: routes that take no body answer 400 when one is sent. */
    public static void requireNone(ServerRequest req) {
        if (!announced(req)) {
            return;
        }
        if (req.headers().contentLength().isEmpty() && isEmptyChunkedBody(req)) {
            return;
        }
        throw new InvalidInputException("A body is not expected with this request ("
                + req.prologue().method().text() + " " + req.prologue().uriPath().rawPath() + ").");
    }

    /**
     * Reads a small body whole, refusing more than {@code maxBytes}.
     *
     * @return the bytes, empty when the request has no body
     * @throws LimitExceededException when the body is larger than {@code maxBytes}
     */
    public static byte[] readSmall(ServerRequest req, long maxBytes) {
        if (!announced(req)) {
            return new byte[0];
        }
        OptionalLong length = req.headers().contentLength();
        if (length.isPresent() && length.getAsLong() > maxBytes) {
            throw tooLarge(length.getAsLong() + " bytes", maxBytes);
        }
        int limit = (int) Math.min(maxBytes, Integer.MAX_VALUE - 8);
        try (InputStream in = req.content().inputStream()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw tooLarge("more than " + limit + " bytes", maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }

    private static boolean isEmptyChunkedBody(ServerRequest req) {
        try {
            return req.content().inputStream().read() < 0;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the request body", e);
        }
    }

    private static LimitExceededException tooLarge(String size, long maxBytes) {
        return new LimitExceededException("Request body of " + size + " is larger than the " + maxBytes
                + " bytes allowed for JSON requests");
    }
}

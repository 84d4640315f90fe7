package io.glance.wire;

import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 answer as read by {@link HttpAnswerReader}: its final status (interim 1xx answers are skipped), its
 * headers, whether the connection may carry another request once the body has been read to its end, and the body.
 *
 * @param headers   names compared without case, each name's values in the order they came
 * @param keepAlive HTTP/1.1 without {@code Connection: close}, or HTTP/1.0 with {@code keep-alive}; never for a body
 *                  that runs to the connection's end or that had both a Content-Length and a Transfer-Encoding
 */
public record HttpAnswer(int status, Map<String, List<String>> headers, boolean keepAlive, AnswerBody body) {
    /** The first value of a header, or {@code null}. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null ? null : values.getFirst();
    }

    /** The announced Content-Length, or -1. */
    public long contentLength() {
        return body.contentLength();
    }
}

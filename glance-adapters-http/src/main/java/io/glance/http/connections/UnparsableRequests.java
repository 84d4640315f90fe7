package io.glance.http.connections;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;

import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Answers requests Helidon cannot parse before any route sees them. Helidon calls some of them its own failure (a
 * control character in the method gives 500, {@code Transfer-Encoding: gzip, chunked} 501) although the request is at
 * fault: every such answer here is a 4xx in our words, with one log line, and the connection is closed since its
 * framing can no longer be trusted. Helidon's own 4xx keep their status and message.
 */
final class UnparsableRequests implements DirectHandler {
    private static final Logger LOG = Logger.getLogger(UnparsableRequests.class.getName());
    private static final int MAX_ECHO = 80;

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        Status answer = status.code() >= 500 ? Status.BAD_REQUEST_400 : status;
        String text = status.code() >= 500 ? ourWords(status) : truncate(message);
        LOG.info("Refused an unparsable request (" + status.code() + " from the HTTP parser, answered "
                + answer.code() + "): " + truncate(message));
        headers.set(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
        return TransportResponse.builder()
                .status(answer)
                .headers(headers)
                .keepAlive(false)
                .entity((answer.code() + " " + answer.reasonPhrase() + ": " + text).getBytes(StandardCharsets.UTF_8))
                .build();
    }

    private static String ourWords(Status status) {
        return status.code() == 501
                ? "the request's Transfer-Encoding is not supported (only chunked, alone, is)"
                : "the request line or a header is malformed (a method, path or header holds characters HTTP "
                        + "does not allow)";
    }

    private static String truncate(String message) {
        if (message == null || message.isBlank()) {
            return "the request is malformed";
        }
        String printable = message.replaceAll("[\\p{Cntrl}]", "?");
        return printable.length() <= MAX_ECHO ? printable : printable.substring(0, MAX_ECHO) + "...";
    }
}

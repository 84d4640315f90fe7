package io.glance.http.observe;

import io.glance.http.common.GlanceHeaders;
import io.glance.http.connections.ClientChannel;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.logging.Level;
import java.util.logging.Logger;

import static java.util.Objects.requireNonNull;

/**
 * The first filter: when each answer has been sent, one access-log line (request id, method, path, status, bytes,
 * duration) and the request's place in {@link HttpMetrics}. Measured from the moment routing received the request
 * to the moment the last byte of the answer was written, so a slow download counts in full.
 */
public final class RequestObserver implements Filter {
    /** The access log's logger, so operators can route it to a file of its own. */
    public static final String ACCESS_LOGGER = "glance.access";
    private static final Logger ACCESS = Logger.getLogger(ACCESS_LOGGER);
    /** Requests no route matched (404s, 405s) share one series. */
    static final String UNMATCHED = "unmatched";

    private final HttpMetrics metrics;

    public RequestObserver(HttpMetrics metrics) {
        this.metrics = requireNonNull(metrics, "metrics is null");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        String method = req.prologue().method().text();
        String path = req.prologue().uriPath().rawPath();
        metrics.started();
        res.whenSent(() -> {
            long nanos = System.nanoTime() - start;
            int status = res.status().code();
            // Zero-copy downloads write most of their body past Helidon, which counts only what went through it.
            long bytes = res.bytesWritten() + ClientChannel.sentDirectly(req);
            metrics.finished(method, req.matchingPattern().orElse(UNMATCHED), status, nanos, bytes);
            if (ACCESS.isLoggable(Level.INFO)) {
                String requestId = res.headers().first(GlanceHeaders.REQUEST_ID).orElse("-");
                ACCESS.info(AccessLine.of(requestId, method, path, status, bytes, nanos));
            }
        });
        chain.proceed();
    }
}

package io.glance.http.observe;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /metrics}: every {@link MetricsSource} in Prometheus' text format. Answered before version negotiation
 * and authentication, like {@code /healthcheck}, because Prometheus scrapes without a Keystone token; it shows
 * counts and timings, no image data or metadata.
 */
public final class MetricsEndpoint implements Filter {
    static final String PATH = "/metrics";

    private final List<MetricsSource> sources;

    public MetricsEndpoint(List<MetricsSource> sources) {
        this.sources = List.copyOf(sources);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        if (!req.prologue().uriPath().path().equals(PATH) || (method != Method.GET && method != Method.HEAD)) {
            chain.proceed();
            return;
        }
        PrometheusText text = new PrometheusText();
        sources.forEach(source -> source.writeTo(text));
        res.headers().set(HeaderNames.CONTENT_TYPE, PrometheusText.CONTENT_TYPE);
        res.headers().set(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}

package io.glance.http.common;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.nio.charset.StandardCharsets;

/**
 * oslo.middleware's {@code healthcheck}: {@code GET /healthcheck} answers {@code 200 OK} before version negotiation
 * would turn the path into a 300, so load balancers can probe the API without a token.
 */
public final class HealthcheckFilter implements Filter {
    private static final String PATH = "/healthcheck";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Method method = req.prologue().method();
        if (req.prologue().uriPath().path().equals(PATH) && (method == Method.GET || method == Method.HEAD)) {
            res.headers().set(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8");
            res.send("OK".getBytes(StandardCharsets.US_ASCII));
            return;
        }
        chain.proceed();
    }
}

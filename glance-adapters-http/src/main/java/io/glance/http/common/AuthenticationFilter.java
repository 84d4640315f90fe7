package io.glance.http.common;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import static java.util.Objects.requireNonNull;

/**
 * Glance's {@code authtoken} + {@code context} filters: attaches the caller's {@link io.glance.domain.RequestContext}
 * ({@link CallerAuthentication}). It sits after the healthcheck and version negotiation, which (as in Glance's
 * pipeline) answer {@code /healthcheck}, {@code /} and {@code /versions} without a token.
 */
public final class AuthenticationFilter implements Filter {
    private final CallerAuthentication authentication;

    public AuthenticationFilter(CallerAuthentication authentication) {
        this.authentication = requireNonNull(authentication, "authentication is null");
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        req.context().register(authentication.authenticate(req, RequestContexts.requestId(req)));
        chain.proceed();
    }
}

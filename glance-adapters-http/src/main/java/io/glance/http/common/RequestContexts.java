package io.glance.http.common;

import io.glance.domain.RequestContext;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling. Today every caller is Glance's unauthenticated admin; Keystone token validation will replace
 * {@link #authenticate} and nothing else.
 */
public final class RequestContexts {

    private RequestContexts() {
    }

    /** Builds the caller's context for a request; the only place that knows how callers are identified. */
    static RequestContext authenticate(ServerRequest req, String requestId) {
        return RequestContext.noAuth(requestId);
    }

    /** The context {@link RequestContextFilter} attached to this request. */
    public static RequestContext of(ServerRequest req) {
        return req.context().get(RequestContext.class).orElseThrow(() ->
                new IllegalStateException("No RequestContext on " + req.path().rawPath()
                        + ": RequestContextFilter is not installed"));
    }
}

package io.glance.http.common;

import io.glance.domain.RequestContext;
import io.helidon.webserver.http.ServerRequest;

/**
 * Who is calling: {@link RequestContextFilter} gives each request its id, {@link AuthenticationFilter} its caller
 * ({@link CallerAuthentication}); handlers read the caller here.
 */
public final class RequestContexts {

    private RequestContexts() {
    }

    /** The context {@link AuthenticationFilter} attached to this request. */
    public static RequestContext of(ServerRequest req) {
        return req.context().get(RequestContext.class).orElseThrow(() ->
                new IllegalStateException("No RequestContext on " + req.path().rawPath()
                        + ": AuthenticationFilter is not installed"));
    }

    /** The request's {@code req-<uuid>}, from {@link RequestContextFilter}. */
    static String requestId(ServerRequest req) {
        return req.context().get(RequestId.class).map(RequestId::value).orElseThrow(() ->
                new IllegalStateException("No request id on " + req.path().rawPath()
                        + ": RequestContextFilter is not installed"));
    }

    /** The id {@link RequestContextFilter} gave a request, kept in its context until the caller is known. */
    record RequestId(String value) {
    }
}

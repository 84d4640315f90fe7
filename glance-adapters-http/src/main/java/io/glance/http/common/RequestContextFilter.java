package io.glance.http.common;

import io.glance.http.errors.HttpStatusException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.util.Optional;
import java.util.UUID;

/**
 * Gives every request an {@code x-openstack-request-id} (the client's own, which glanceclient resends across list
 * pages, or a new {@code req-<uuid>}); {@link AuthenticationFilter} later attaches the caller under that id. It runs
 * first, so the header is on every answer, errors included. The rest of the chain runs with the id in
 * {@link CurrentRequestId}, for outbound calls that pass it on.
 */
public final class RequestContextFilter implements Filter {
    /** oslo.middleware's {@code max_request_id_length}. */
    static final int MAX_REQUEST_ID_LENGTH = 64;
    private static final String PREFIX = "req-";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> incoming = req.headers().first(GlanceHeaders.REQUEST_ID).map(String::strip)
                .filter(value -> !value.isEmpty());
        if (incoming.isPresent() && incoming.get().length() > MAX_REQUEST_ID_LENGTH) {
            res.header(GlanceHeaders.REQUEST_ID, newRequestId());
            throw new HttpStatusException(431, "X-Openstack-Request-ID is " + incoming.get().length()
                    + " characters long; at most " + MAX_REQUEST_ID_LENGTH + " are allowed");
        }
        String requestId = incoming.map(id -> id.startsWith(PREFIX) ? id : PREFIX + id)
                .orElseGet(RequestContextFilter::newRequestId);
        res.header(GlanceHeaders.REQUEST_ID, requestId);
        req.context().register(new RequestContexts.RequestId(requestId));
        CurrentRequestId.with(requestId, chain::proceed);
    }

    private static String newRequestId() {
        return PREFIX + UUID.randomUUID();
    }
}

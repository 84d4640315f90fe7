package io.glance.http.common;

import io.helidon.webserver.http.ServerRequest;

/** Absolute URLs as the client sees this server, like webob's {@code application_url}. */
public final class RequestUrls {

    private RequestUrls() {
    }

    /** The scheme and the Host the client used, e.g. {@code http://glance:9292}. */
    public static String base(ServerRequest req) {
        String authority = req.authority();
        if (authority == null || authority.isBlank()) {
            // HTTP/1.0 without Host: the address the client reached.
            authority = req.localPeer().host() + ":" + req.localPeer().port();
        }
        return (req.isSecure() ? "https://" : "http://") + authority;
    }
}

package io.glance.store.http;

import java.net.URI;

/** Renders locations for messages and logs without user info or query strings (which may hold tokens). */
final class HttpLocations {

    private HttpLocations() {
    }

    static String safe(URI uri) {
        if (uri.getRawUserInfo() == null && uri.getRawQuery() == null) {
            return uri.toString();
        }
        return uri.getScheme() + "://" + (uri.getRawUserInfo() == null ? "" : "***@") + uri.getHost()
                + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?***");
    }
}

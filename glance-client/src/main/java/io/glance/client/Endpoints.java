package io.glance.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import static java.util.Objects.requireNonNull;

/** The endpoint a client was given, reduced to {@code http(s)://host[:port][/prefix]} as glanceclient does. */
final class Endpoints {
    private Endpoints() {
    }

    /** Strips trailing {@code /} and the API version suffix ({@code /v1}, {@code /v2}) the caller may have added. */
    static URI normalize(URI endpoint, String versionSuffix) {
        requireNonNull(endpoint, "endpoint is null");
        if (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https"))) {
            throw new IllegalArgumentException("endpoint '" + endpoint + "' is not an http(s)://host[:port] URL");
        }
        String text = endpoint.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.endsWith(versionSuffix)) {
            text = text.substring(0, text.length() - versionSuffix.length());
        }
        return URI.create(text);
    }

    /** One path segment, percent-encoded (a space as {@code %20}, not {@code +}). */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

package io.glance.http.metadefs;

import io.helidon.common.uri.UriEncoding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code first} and {@code next} of the namespace list: path only, the request's query kept apart from marker. */
final class NamespaceLinks {
    private final String queryWithoutMarker;

    private NamespaceLinks(String queryWithoutMarker) {
        this.queryWithoutMarker = queryWithoutMarker;
    }

    /** @param rawQuery the query string as sent, without {@code ?} */
    static NamespaceLinks of(String rawQuery) {
        List<String> kept = new ArrayList<>();
        for (String parameter : rawQuery.split("&")) {
            if (parameter.isEmpty()) {
                continue;
            }
            int equals = parameter.indexOf('=');
            String name = UriEncoding.decodeQuery(equals < 0 ? parameter : parameter.substring(0, equals));
            if (!name.equals("marker")) {
                kept.add(parameter);
            }
        }
        return new NamespaceLinks(String.join("&", kept));
    }

    String first() {
        return queryWithoutMarker.isEmpty() ? MetadefViews.NAMESPACES : MetadefViews.NAMESPACES + "?"
                + queryWithoutMarker;
    }

    String next(String marker) {
        return MetadefViews.NAMESPACES + "?" + (queryWithoutMarker.isEmpty() ? "" : queryWithoutMarker + "&")
                + "marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8);
    }
}

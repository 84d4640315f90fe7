package io.glance.http.v2;

import io.glance.domain.ImageId;
import io.helidon.common.uri.UriEncoding;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code first} and {@code next} links of an image list: path only (glanceclient follows them verbatim,
 * openstacksdk strips {@code /v2} and rejoins), with the client's query kept as it was sent apart from
 * {@code marker}. Unlike Glance, repeated parameters such as {@code tag} survive into the links.
 */
final class PageLinks {
    private static final String PATH = "/v2/images";

    private final String queryWithoutMarker;

    private PageLinks(String queryWithoutMarker) {
        this.queryWithoutMarker = queryWithoutMarker;
    }

    /** @param rawQuery the request's query string as sent, without {@code ?} */
    static PageLinks of(String rawQuery) {
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
        return new PageLinks(String.join("&", kept));
    }

    String first() {
        return queryWithoutMarker.isEmpty() ? PATH : PATH + "?" + queryWithoutMarker;
    }

    String next(ImageId marker) {
        return PATH + "?" + (queryWithoutMarker.isEmpty() ? "" : queryWithoutMarker + "&") + "marker=" + marker;
    }
}

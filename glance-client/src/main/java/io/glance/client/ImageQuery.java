package io.glance.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The parameters of GET /v2/images: filters ({@code name}, {@code status}, {@code visibility}, {@code tag},
 * {@code size_min}, any property), sort keys and the page size. The listing follows {@code next} links itself, so
 * the page size only changes how many requests are made.
 */
public final class ImageQuery {
    private final List<Map.Entry<String, String>> parameters = new ArrayList<>();
    private int pageSize = 200;

    private ImageQuery() {
    }

    public static ImageQuery all() {
        return new ImageQuery();
    }

    /** A filter; repeat for {@code tag} (all must match). Operators as the server takes them: {@code in:a,b}. */
    public ImageQuery filter(String key, String value) {
        requireNonNull(key, "key is null");
        requireNonNull(value, "value is null");
        if (key.equals("limit") || key.equals("marker") || key.startsWith("sort")) {
            throw new IllegalArgumentException("'" + key + "' is not a filter; use pageSize() or sort()");
        }
        parameters.add(Map.entry(key, value));
        return this;
    }

    public ImageQuery visibility(String visibility) {
        return filter("visibility", visibility);
    }

    public ImageQuery tag(String tag) {
        return filter("tag", tag);
    }

    /** Adds a sort key, {@code asc} or {@code desc}; the server adds {@code created_at} and {@code id} ties. */
    public ImageQuery sort(String key, String direction) {
        requireNonNull(key, "key is null");
        requireNonNull(direction, "direction is null");
        if (!direction.equals("asc") && !direction.equals("desc")) {
            throw new IllegalArgumentException("sort direction '" + direction + "' is neither asc nor desc");
        }
        parameters.add(Map.entry("sort_key", key));
        parameters.add(Map.entry("sort_dir", direction));
        return this;
    }

    public ImageQuery pageSize(int pageSize) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("page size " + pageSize + " is not positive");
        }
        this.pageSize = pageSize;
        return this;
    }

    /** The first page's query string, without the leading {@code ?}. */
    String toQueryString() {
        StringBuilder query = new StringBuilder("limit=").append(pageSize);
        for (Map.Entry<String, String> parameter : parameters) {
            query.append('&').append(encode(parameter.getKey())).append('=').append(encode(parameter.getValue()));
        }
        return query.toString();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

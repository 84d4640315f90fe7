package io.glance.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Filters, paging and sorting of an API v1 listing (Glance v1 §10): {@code name}, {@code status}, formats,
 * {@code size_min}/{@code size_max}, {@code is_public}, {@code property-<k>}, {@code limit}, {@code marker},
 * {@code sort_key}, {@code sort_dir}. Immutable; each method returns a copy.
 */
public final class ImageQueryV1 {
    private final Map<String, String> parameters;

    private ImageQueryV1(Map<String, String> parameters) {
        this.parameters = parameters;
    }

    public static ImageQueryV1 all() {
        return new ImageQueryV1(new LinkedHashMap<>());
    }

    /** A filter or paging parameter by its v1 name, e.g. {@code ("disk_format", "qcow2")}. */
    public ImageQueryV1 with(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(requireNonNull(name, "name is null"), requireNonNull(value, "value of " + name + " is null"));
        return new ImageQueryV1(copy);
    }

    public ImageQueryV1 property(String name, String value) {
        return with("property-" + name, value);
    }

    public ImageQueryV1 limit(int limit) {
        return with("limit", Integer.toString(limit));
    }

    public ImageQueryV1 marker(String imageId) {
        return with("marker", imageId);
    }

    public ImageQueryV1 sort(String key, String direction) {
        return with("sort_key", key).with("sort_dir", direction);
    }

    /** {@code ?a=b&...}, or empty when there are no parameters. */
    String queryString() {
        if (parameters.isEmpty()) {
            return "";
        }
        return parameters.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "?", ""));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}

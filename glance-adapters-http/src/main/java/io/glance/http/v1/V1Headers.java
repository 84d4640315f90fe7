package io.glance.http.v1;

import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Glance v1's mapping between image metadata and {@code x-image-meta-*} headers (Cactus {@code glance/utils.py}).
 * In: names are case-insensitive; {@code x-image-meta-property-<p>} is property {@code p} lower-cased with {@code -}
 * as {@code _}, any other {@code x-image-meta-<f>} is field {@code f} the same way; an empty value means null.
 * Out: every field as {@code X-Image-Meta-<Field>} and every property as {@code X-Image-Meta-Property-<Name>}, named
 * the way webob title-cases them ({@code X-Image-Meta-Disk_format}); null is sent empty, booleans as
 * {@code True}/{@code False}.
 * A property key may hold a {@code :} (Nova's {@code trait:CUSTOM_X}), which a header name cannot: out, v1 writes it
 * as {@code %3A} (and a {@code %} as {@code %25}, so that the escape can be undone); in, {@code %3A} and {@code %25} in
 * a property header's name are read back as {@code :} and {@code %}.
 */
final class V1Headers {
    static final String META_PREFIX = "x-image-meta-";
    static final String PROPERTY_PREFIX = "x-image-meta-property-";
    /**
     * What the HTTP parser makes of each byte above 127: it reads header values as US-ASCII, so a UTF-8
     * {@code café} arrives as {@code caf\uFFFD\uFFFD} and its bytes are lost.
     */
    private static final char UNDECODABLE = '\uFFFD';

    private V1Headers() {
    }

    /** @param headers every request header as (name, value); repeated names keep the first value, as webob does */
    static V1Metadata parse(List<Map.Entry<String, String>> headers) {
        Map<String, String> fields = new LinkedHashMap<>();
        Map<String, String> properties = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = header.getValue() == null || header.getValue().isEmpty() ? null : header.getValue();
            if (value != null && name.startsWith(META_PREFIX) && value.indexOf(UNDECODABLE) >= 0) {
                throw new InvalidInputException(name + " holds bytes that are not ASCII (at position "
                        + value.indexOf(UNDECODABLE) + "); API v1 headers carry ASCII only, so such a value would"
                        + " not be stored as sent: set it with API v2, whose JSON is UTF-8");
            }
            if (name.startsWith(PROPERTY_PREFIX)) {
                properties.putIfAbsent(unescapeKey(normalize(name.substring(PROPERTY_PREFIX.length()))), value);
            } else if (name.startsWith(META_PREFIX)) {
                fields.putIfAbsent(normalize(name.substring(META_PREFIX.length())), value);
            }
        }
        return new V1Metadata(fields, properties);
    }

    /** The headers HEAD and GET /v1/images/ID answer with, in Diablo's order. */
    static Map<String, String> render(Image image) {
        Map<String, String> headers = new LinkedHashMap<>();
        V1ImageView.fields(image, true).forEach((field, value) ->
                headers.put(titleCase(META_PREFIX + field), text(value)));
        image.properties().forEach((name, value) ->
                headers.put(titleCase(PROPERTY_PREFIX + escapeKey(name.toLowerCase(Locale.ROOT))), text(value)));
        return headers;
    }

    /** webob's header names: each {@code -}-separated word capitalized, the rest lower case. */
    static String titleCase(String name) {
        StringBuilder out = new StringBuilder(name.length());
        boolean wordStart = true;
        for (char c : name.toCharArray()) {
            out.append(wordStart ? Character.toUpperCase(c) : Character.toLowerCase(c));
            wordStart = c == '-';
        }
        return out.toString();
    }

    /** A property key as a header name can carry it: {@code %} and {@code :} percent-escaped. */
    static String escapeKey(String key) {
        return key.replace("%", "%25").replace(":", "%3A");
    }

    /** Undoes {@link #escapeKey} on a header name the parser lower-cased; other {@code %} stay as they are. */
    static String unescapeKey(String name) {
        if (name.indexOf('%') < 0) {
            return name;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            String escape = i + 3 <= name.length() ? name.substring(i, i + 3).toLowerCase(Locale.ROOT) : "";
            if (escape.equals("%3a")) {
                out.append(':');
                i += 2;
            } else if (escape.equals("%25")) {
                out.append('%');
                i += 2;
            } else {
                out.append(name.charAt(i));
            }
        }
        return out.toString();
    }

    private static String normalize(String name) {
        return name.replace('-', '_');
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case Boolean flag -> flag ? "True" : "False";
            default -> value.toString();
        };
    }
}

package io.glance.http.data;

import java.util.ArrayList;
import java.util.List;

/**
 * The entity-tag lists of If-Match and If-None-Match (RFC 9110 §8.8.3, §13.1.1-2): {@code *} or
 * {@code "a", W/"b"}. Malformed members are skipped, so a garbled header never matches.
 */
final class EntityTags {
    private final boolean any;
    private final List<String> tags;

    private EntityTags(boolean any, List<String> tags) {
        this.any = any;
        this.tags = tags;
    }

    /** @param headerValues every value of the header (a client may send it more than once) */
    static EntityTags parse(List<String> headerValues) {
        List<String> tags = new ArrayList<>();
        boolean any = false;
        for (String value : headerValues) {
            int i = 0;
            while (i < value.length()) {
                char c = value.charAt(i);
                if (c == ',' || c == ' ' || c == '\t') {
                    i++;
                } else if (c == '*') {
                    any = true;
                    i++;
                } else {
                    int start = i;
                    if (value.startsWith("W/", i)) {
                        i += 2;
                    }
                    if (i >= value.length() || value.charAt(i) != '"') {
                        i = skipToComma(value, i);
                        continue;
                    }
                    int close = value.indexOf('"', i + 1);
                    if (close < 0) {
                        break;
                    }
                    tags.add(value.substring(start, close + 1));
                    i = close + 1;
                }
            }
        }
        return new EntityTags(any, List.copyOf(tags));
    }

    private static int skipToComma(String value, int from) {
        int comma = value.indexOf(',', from);
        return comma < 0 ? value.length() : comma + 1;
    }

    boolean any() {
        return any;
    }

    /** Strong comparison (If-Match, If-Range): both tags strong and identical. */
    boolean strongMatch(String etag) {
        return etag != null && !isWeak(etag) && tags.stream().anyMatch(tag -> !isWeak(tag) && tag.equals(etag));
    }

    /** Weak comparison (If-None-Match): the opaque parts are identical, W/ or not. */
    boolean weakMatch(String etag) {
        return etag != null && tags.stream().anyMatch(tag -> opaque(tag).equals(opaque(etag)));
    }

    static boolean isWeak(String tag) {
        return tag.startsWith("W/");
    }

    private static String opaque(String tag) {
        return isWeak(tag) ? tag.substring(2) : tag;
    }
}

package io.glance.http.versions;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Images API versions this server announces, and which of them a path segment or media-type suffix selects.
 * <p>
 * v2: all of v2.0 to v2.16 are listed, as the spec recommends, so that clients that check for a feature's version
 * (glanceclient: v2.12 for image tasks, v2.14 for cache) find it; v2.16 is CURRENT because it is the highest, and
 * only those exact ids select v2 ({@code /v2.17/images} is a 300). As in Glance, v2.14 and v2.16 (the cache API) are
 * listed and selectable only when the node has an image cache; without one v2.15 is CURRENT.
 * <p>
 * v1: listed as v1.1 and v1.0, DEPRECATED as in the last Glance releases that served both APIs. Selection follows
 * Diablo's {@code version_negotiation} instead: the token is matched by {@code ^v(\d+)\.?(\d+)?} and only 1.0
 * matches, so {@code v1}, {@code v1.0} and even {@code v1.a} select v1, while {@code v1.1} and {@code v1.2} do not.
 */
final class ApiVersions {
    /** Newest first, as Glance lists them. */
    static final List<String> V2_IDS = List.of("v2.16", "v2.15", "v2.14", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9",
            "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");
    /** The versions that only a node with an image cache serves. */
    private static final List<String> CACHE_IDS = List.of("v2.16", "v2.14");
    static final List<String> V1_IDS = List.of("v1.1", "v1.0");
    private static final Pattern DIABLO_VERSION = Pattern.compile("^v(\\d+)\\.?(\\d+)?");

    /** The API a request is routed to, as the path prefix its routes are registered under. */
    enum Api {
        V1("/v1"), V2("/v2");

        private final String prefix;

        Api(String prefix) {
            this.prefix = prefix;
        }

        String prefix() {
            return prefix;
        }
    }

    private ApiVersions() {
    }

    /** The v2 versions a node serves, newest first. */
    static List<String> v2Ids(boolean imageCache) {
        return imageCache ? V2_IDS : V2_IDS.stream().filter(id -> !CACHE_IDS.contains(id)).toList();
    }

    /** The CURRENT version: the newest this node serves. */
    static String current(boolean imageCache) {
        return v2Ids(imageCache).get(0);
    }

    /** The API a path segment or media-type suffix names, or empty when it names none this server serves. */
    static Optional<Api> select(String token, boolean imageCache) {
        if ("v2".equals(token) || v2Ids(imageCache).contains(token)) {
            return Optional.of(Api.V2);
        }
        Matcher matcher = DIABLO_VERSION.matcher(token);
        if (matcher.lookingAt() && Integer.parseInt(matcher.group(1)) == 1
                && (matcher.group(2) == null || Integer.parseInt(matcher.group(2)) == 0)) {
            return Optional.of(Api.V1);
        }
        return Optional.empty();
    }
}

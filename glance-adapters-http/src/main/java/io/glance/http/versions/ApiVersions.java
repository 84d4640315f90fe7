package io.glance.http.versions;

import java.util.List;

/**
 * The Images API versions this server announces and accepts in a path ({@code /v2.3/images} is {@code /v2/images}).
 * All of v2.0 to v2.16 are listed, as the spec recommends, so that clients that check for a feature's version
 * (glanceclient: v2.12 for image tasks, v2.14 for cache) find it; v2.16 is CURRENT because it is the highest.
 */
final class ApiVersions {
    static final String CURRENT = "v2.16";
    /** Newest first, as Glance lists them. */
    static final List<String> IDS = List.of("v2.16", "v2.15", "v2.14", "v2.13", "v2.12", "v2.11", "v2.10", "v2.9",
            "v2.8", "v2.7", "v2.6", "v2.5", "v2.4", "v2.3", "v2.2", "v2.1", "v2.0");

    private ApiVersions() {
    }

    /** Whether a path segment or media-type suffix names a version this server serves. */
    static boolean accepts(String id) {
        return "v2".equals(id) || IDS.contains(id);
    }
}

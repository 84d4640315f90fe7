package io.glance.store.http;

import org.junit.jupiter.api.Assumptions;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real web server bin/test starts (nginx with a temporary docroot), named by system properties. Without them the
 * tests are skipped on a developer's machine and fail in CI ({@code CI=true}), where a missing server means the set-up
 * is broken.
 */
record TestWebServer(URI base, Path docroot) {

    static final String BASE_PROPERTY = "glance.test.http.base";
    static final String DOCROOT_PROPERTY = "glance.test.http.docroot";

    static TestWebServer fromSystemProperties() {
        String base = System.getProperty(BASE_PROPERTY, "");
        String docroot = System.getProperty(DOCROOT_PROPERTY, "");
        if (base.isBlank() || docroot.isBlank()) {
            String message = "No web server to test against: run bin/test, which starts nginx and passes -D"
                    + BASE_PROPERTY + " and -D" + DOCROOT_PROPERTY;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return new TestWebServer(URI.create(base.endsWith("/") ? base : base + "/"), Path.of(docroot));
    }

    /** Options allowing exactly this loopback server. */
    Map<String, String> options() {
        return Map.of(HttpStoreConfig.ALLOWED_HOSTS, base.getHost(),
                HttpStoreConfig.PORTS, Integer.toString(base.getPort()),
                HttpStoreConfig.TIMEOUT, "10");
    }
}

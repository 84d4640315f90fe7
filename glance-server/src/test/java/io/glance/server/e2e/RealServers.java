package io.glance.server.e2e;

import org.junit.jupiter.api.Assumptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * The real servers bin/test starts and names in system properties. Without one a test is skipped on a developer's
 * machine, but fails under CI=true, where a skipped test would hide that nothing was tested.
 */
final class RealServers {
    private RealServers() {
    }

    /** The nginx base URL ({@code http://127.0.0.1:PORT}) and the folder it serves. */
    record Nginx(String base, java.nio.file.Path docroot) {
        int port() {
            return java.net.URI.create(base).getPort();
        }
    }

    static Nginx nginx() {
        return new Nginx(require("glance.test.http.base", "nginx"),
                java.nio.file.Path.of(require("glance.test.http.docroot", "nginx")));
    }

    static String require(String property, String server) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) {
            String message = "No " + server + " to test against: run bin/test, which starts it and passes -D"
                    + property;
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message);
            }
            Assumptions.abort(message);
        }
        return value;
    }
}

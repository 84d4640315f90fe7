package io.glance.store.swift;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real Swift that {@code bin/test} starts ({@code bin/lib/test-swift.sh}): its tempauth URL comes in as
 * {@code -Dglance.test.swift.auth=...} (or the {@code GLANCE_TEST_SWIFT_AUTH} environment variable), with user
 * {@code test:tester} and key {@code testing}; or, from {@code bin/lib/test-keystone.sh}, the same Swift behind a
 * proxy that takes Keystone v3 tokens ({@code -Dglance.test.keystone.auth/user/key}). Lists containers directly,
 * without the driver, so tests can see what the driver really left in Swift.
 */
final class SwiftTestAccount {

    static final String USER = "test:tester";
    static final String KEY = "testing";
    private static final Pattern MANIFEST_NAME = Pattern.compile("\"name\"\\s*:\\s*\"/([^\"]+)\"");

    private final String authAddress;
    private final String user;
    private final String key;
    private final boolean keystone;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String token;
    private String storageUrl;

    private SwiftTestAccount(String authAddress, String user, String key, boolean keystone) {
        this.authAddress = authAddress;
        this.user = user;
        this.key = key;
        this.keystone = keystone;
    }

    /** The test Swift with tempauth; fails when absent on CI (CI=true), else skips the test with a message. */
    static SwiftTestAccount require() {
        return new SwiftTestAccount(setting("glance.test.swift.auth", "GLANCE_TEST_SWIFT_AUTH"), USER, KEY, false);
    }

    /** The test Swift behind Keystone v3; fails when absent on CI (CI=true), else skips the test. */
    static SwiftTestAccount requireKeystone() {
        return new SwiftTestAccount(setting("glance.test.keystone.auth", "GLANCE_TEST_KEYSTONE_AUTH"),
                setting("glance.test.keystone.user", "GLANCE_TEST_KEYSTONE_USER"),
                setting("glance.test.keystone.key", "GLANCE_TEST_KEYSTONE_KEY"), true);
    }

    private static String setting(String property, String variable) {
        // Surefire hands Maven's -D properties to the test JVM; bin/test also exports the environment variables.
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        if (value == null || value.isBlank()) {
            String message = "no test Swift: run bin/test, which starts one (bin/lib/test-swift.sh, "
                    + "bin/lib/test-keystone.sh) and passes -D" + property + " to Maven";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError(message);
            }
            Assumptions.abort(message);
        }
        return value.strip();
    }

    String user() {
        return user;
    }

    String key() {
        return key;
    }

    /** {@code 3} for Keystone v3, {@code 1} for tempauth: the driver's swift_store_auth_version. */
    String authVersion() {
        return keystone ? "3" : "1";
    }

    String authAddress() {
        return authAddress;
    }

    /** Object names in {@code container}, or none when it does not exist. */
    List<String> list(String container) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", container + "?format=plain");
        if (response.statusCode() == 404) {
            return List.of();
        }
        if (response.statusCode() == 204) {
            return List.of();
        }
        check(response, "listing " + container);
        return Arrays.stream(response.body().split("\n")).filter(name -> !name.isBlank()).toList();
    }

    /** The segments ({@code container/name}) a Static Large Object lists, or none for a plain object. */
    List<String> segmentsOf(String container, String object) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", container + "/" + object + "?multipart-manifest=get");
        check(response, "reading manifest " + container + "/" + object);
        if (!response.headers().firstValue("X-Static-Large-Object").orElse("false").equalsIgnoreCase("true")) {
            return List.of();
        }
        List<String> segments = new ArrayList<>();
        Matcher matcher = MANIFEST_NAME.matcher(response.body());
        while (matcher.find()) {
            segments.add(matcher.group(1));
        }
        return segments;
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        authenticate();
        HttpRequest request = HttpRequest.newBuilder(URI.create(storageUrl + "/" + path))
                .header("X-Auth-Token", token).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private synchronized void authenticate() throws IOException, InterruptedException {
        if (token != null) {
            return;
        }
        if (keystone) {
            KeystoneLogin.Session session = KeystoneLogin.login(http, authAddress, user, key);
            token = session.token();
            storageUrl = session.storageUrl();
            return;
        }
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(authAddress))
                .header("X-Auth-User", user).header("X-Auth-Key", key).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("tempauth at " + authAddress + " answered " + response.statusCode());
        }
        token = response.headers().firstValue("X-Auth-Token").orElseThrow();
        storageUrl = response.headers().firstValue("X-Storage-Url").orElseThrow();
    }

    private static void check(HttpResponse<String> response, String what) throws IOException {
        if (response.statusCode() / 100 != 2) {
            throw new IOException(what + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
    }
}

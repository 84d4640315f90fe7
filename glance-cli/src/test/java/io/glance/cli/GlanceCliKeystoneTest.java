package io.glance.cli;

import io.glance.client.testing.GlanceApiProcess;
import io.glance.client.testing.TestKeystone;
import io.glance.client.testing.TokenCheckingProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code glance} logs in to the real Keystone from the OS_* variables or glanceclient's flags and finds glance-api in
 * the catalog; a token-checking proxy in front of a no-auth glance-api has Keystone confirm every token it sends.
 */
class GlanceCliKeystoneTest {
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;
    private static TestKeystone keystone;
    private static TokenCheckingProxy proxy;
    private static String region;

    @BeforeAll
    static void start() throws Exception {
        keystone = TestKeystone.require();
        server = GlanceApiProcess.start(dataDir);
        proxy = TokenCheckingProxy.start(server.endpoint(), keystone);
        URI url = URI.create("http://127.0.0.1:" + proxy.port());
        region = keystone.registerImageService(url, url);
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        if (keystone != null) {
            keystone.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void forget() {
        proxy.clear();
    }

    private static Map<String, String> openrc() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", keystone.v3().toString());
        env.put("OS_USERNAME", keystone.user());
        env.put("OS_PASSWORD", keystone.password());
        env.put("OS_PROJECT_NAME", keystone.project());
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_DOMAIN_NAME", "Default");
        env.put("OS_REGION_NAME", region);
        return env;
    }

    @Test
    void theOsVariablesLogInAndTheCatalogGivesTheEndpoint() {
        CliRun added = CliRun.withEnvironment(openrc(), "add", "name=from-openrc", "is_public=true");
        assertThat(added.status()).as(added.err()).isZero();
        String id = added.out().strip().substring("Added new image with ID: ".length());

        CliRun shown = CliRun.withEnvironment(openrc(), "show", id);
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("URI: http://127.0.0.1:" + proxy.port() + "/v2/images/" + id)
                .contains("Name: from-openrc");
        assertThat(proxy.seen()).isNotEmpty().allSatisfy(request -> assertThat(request.holder())
                .contains(keystone.user() + "@" + keystone.project()));
    }

    @Test
    void glanceclientsFlagsDoTheSameWithoutEnvironment() {
        CliRun index = CliRun.withEnvironment(Map.of(), "--os-auth-url", keystone.v3().toString(),
                "--os-username", keystone.user(), "--os-password", keystone.password(),
                "--os-project-name", keystone.project(), "--os-user-domain-id", "default",
                "--os-project-domain-id", "default", "--os-region-name", region, "--os-interface", "public", "index");

        assertThat(index.status()).as(index.err()).isZero();
        assertThat(proxy.seen()).singleElement().satisfies(request -> assertThat(request.holder())
                .contains(keystone.user() + "@" + keystone.project()));
    }

    @Test
    void aFlagWinsOverItsVariable() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "wrong-in-the-environment");
        CliRun index = CliRun.withEnvironment(env, "--os-password", keystone.password(), "index");

        assertThat(index.status()).as(index.err()).isZero();
    }

    @Test
    void aRefusedPasswordIsExitStatus4NamingKeystoneButNotThePassword() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "wrong-password-17");
        CliRun index = CliRun.withEnvironment(env, "index");

        assertThat(index.status()).isEqualTo(4);
        assertThat(index.err()).contains("Keystone at " + keystone.v3()).contains("HTTP 401")
                .contains("user '" + keystone.user() + "'").doesNotContain("wrong-password-17");
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void missingCredentialsAndUnknownRegionsAreUsageErrors() {
        CliRun noPassword = CliRun.withEnvironment(Map.of("OS_AUTH_URL", keystone.v3().toString(),
                "OS_USERNAME", keystone.user()), "index");
        assertThat(noPassword.status()).isEqualTo(1);
        assertThat(noPassword.err()).contains("No password for user '" + keystone.user() + "'");

        Map<String, String> env = openrc();
        env.put("OS_REGION_NAME", "nowhere");
        CliRun noEndpoint = CliRun.withEnvironment(env, "index");
        assertThat(noEndpoint.status()).isEqualTo(1);
        assertThat(noEndpoint.err()).contains("no 'image' endpoint with interface public in region nowhere");
    }

    @Test
    void keystoneDownIsExitStatus5() {
        Map<String, String> env = openrc();
        env.put("OS_AUTH_URL", "http://127.0.0.1:1/v3");
        CliRun index = CliRun.withEnvironment(env, "index");

        assertThat(index.status()).isEqualTo(5);
        assertThat(index.err()).contains("Failed to reach Keystone at http://127.0.0.1:1/v3");
    }
}

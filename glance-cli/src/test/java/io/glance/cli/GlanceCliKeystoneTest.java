package io.glance.cli;

import io.glance.client.testing.KeystoneFrontedGlance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code glance} logs in to the real Keystone from the OS_* variables or glanceclient's flags and finds glance-api in
 * the catalog; a token-checking proxy in front of a no-auth glance-api has Keystone confirm every token it sends.
 */
class GlanceCliKeystoneTest {
    @RegisterExtension
    static final KeystoneFrontedGlance GLANCE = new KeystoneFrontedGlance();

    @BeforeEach
    void forget() {
        GLANCE.proxy().clear();
    }

    /** The variables an openrc file sets, the project's domain by name. */
    private static Map<String, String> openrc() {
        Map<String, String> env = GLANCE.openrc();
        env.put("OS_PROJECT_DOMAIN_NAME", "Default");
        return env;
    }

    @Test
    void theOsVariablesLogInAndTheCatalogGivesTheEndpoint() {
        CliRun added = CliRun.withEnvironment(openrc(), "add", "name=from-openrc", "is_public=true");
        assertThat(added.status()).as(added.err()).isZero();
        String id = added.out().strip().substring("Added new image with ID: ".length());

        CliRun shown = CliRun.withEnvironment(openrc(), "show", id);
        assertThat(shown.status()).as(shown.err()).isZero();
        assertThat(shown.out()).contains("URI: http://127.0.0.1:" + GLANCE.proxy().port() + "/v2/images/" + id)
                .contains("Name: from-openrc");
        assertThat(GLANCE.proxy().seen()).isNotEmpty().allSatisfy(request -> assertThat(request.holder())
                .contains(GLANCE.keystone().user() + "@" + GLANCE.keystone().project()));
    }

    @Test
    void glanceclientsFlagsDoTheSameWithoutEnvironment() {
        CliRun index = CliRun.withEnvironment(Map.of(), "--os-auth-url", GLANCE.keystone().v3().toString(),
                "--os-username", GLANCE.keystone().user(), "--os-password", GLANCE.keystone().password(),
                "--os-project-name", GLANCE.keystone().project(), "--os-user-domain-id", "default",
                "--os-project-domain-id", "default", "--os-region-name", GLANCE.region(), "--os-interface", "public",
                "index");

        assertThat(index.status()).as(index.err()).isZero();
        assertThat(GLANCE.proxy().seen()).singleElement().satisfies(request -> assertThat(request.holder())
                .contains(GLANCE.keystone().user() + "@" + GLANCE.keystone().project()));
    }

    @Test
    void aFlagWinsOverItsVariable() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "wrong-in-the-environment");
        CliRun index = CliRun.withEnvironment(env, "--os-password", GLANCE.keystone().password(), "index");

        assertThat(index.status()).as(index.err()).isZero();
    }

    @Test
    void aRefusedPasswordIsExitStatus4NamingKeystoneButNotThePassword() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "wrong-password-17");
        CliRun index = CliRun.withEnvironment(env, "index");

        assertThat(index.status()).isEqualTo(4);
        assertThat(index.err()).contains("Keystone at " + GLANCE.keystone().v3()).contains("HTTP 401")
                .contains("user '" + GLANCE.keystone().user() + "'").doesNotContain("wrong-password-17");
        assertThat(GLANCE.proxy().seen()).isEmpty();
    }

    @Test
    void missingCredentialsAndUnknownRegionsAreUsageErrors() {
        CliRun noPassword = CliRun.withEnvironment(Map.of("OS_AUTH_URL", GLANCE.keystone().v3().toString(),
                "OS_USERNAME", GLANCE.keystone().user()), "index");
        assertThat(noPassword.status()).isEqualTo(1);
        assertThat(noPassword.err()).contains("No password for user '" + GLANCE.keystone().user() + "'");

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

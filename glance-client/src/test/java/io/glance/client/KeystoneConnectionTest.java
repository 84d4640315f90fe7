package io.glance.client;

import io.glance.client.testing.KeystoneFrontedGlance;
import io.glance.client.testing.TokenCheckingProxy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Both clients log in to the real Keystone, find the image endpoint in its catalog and send their token. The catalog
 * points at a {@link TokenCheckingProxy} in front of a no-auth glance-api, which checks each token with Keystone as
 * keystonemiddleware would, so every assertion about tokens is Keystone's own verdict.
 */
class KeystoneConnectionTest {
    @RegisterExtension
    static final KeystoneFrontedGlance GLANCE = new KeystoneFrontedGlance();

    @BeforeEach
    void forget() {
        GLANCE.proxy().rejectEverything(false);
        GLANCE.proxy().clear();
    }

    /** The variables an openrc file sets, the project's domain by id. */
    private static Map<String, String> openrc() {
        Map<String, String> env = GLANCE.openrc();
        env.put("OS_PROJECT_DOMAIN_ID", "default");
        return env;
    }

    @Test
    void passwordLoginFindsThePublicImageEndpointAndSendsItsToken() {
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(openrc()));

        assertThat(client.endpoint()).isEqualTo(GLANCE.publicUrl());
        Image created = client.create(NewImage.named("keystone-made").diskFormat("raw").containerFormat("bare"));
        assertThat(client.show(created.id()).name()).contains("keystone-made");

        List<TokenCheckingProxy.Seen> seen = GLANCE.proxy().seen();
        assertThat(seen).hasSize(2);
        assertThat(seen).allSatisfy(request -> assertThat(request.holder())
                .contains(GLANCE.keystone().user() + "@" + GLANCE.keystone().project()));
        assertThat(seen.get(0).token()).isEqualTo(seen.get(1).token());
    }

    @Test
    void theV1ClientLogsInTheSameWay() {
        GlanceV1Client client = GlanceV1Client.connect(ConnectionSettings.fromEnvironment(openrc()));

        assertThat(client.endpoint()).isEqualTo(GLANCE.publicUrl());
        client.list(ImageQueryV1.all());
        assertThat(GLANCE.proxy().seen()).singleElement().satisfies(request ->
                assertThat(request.holder()).contains(GLANCE.keystone().user() + "@" + GLANCE.keystone().project()));
    }

    @Test
    void interfaceAndRegionPickTheEndpoint() {
        Map<String, String> env = openrc();
        env.put("OS_INTERFACE", "internal");
        assertThat(GlanceClient.connect(ConnectionSettings.fromEnvironment(env)).endpoint())
                .isEqualTo(GLANCE.internalUrl());

        env.remove("OS_INTERFACE");
        env.put("OS_ENDPOINT_TYPE", "internalURL"); // glanceclient's spelling
        assertThat(GlanceClient.connect(ConnectionSettings.fromEnvironment(env)).endpoint())
                .isEqualTo(GLANCE.internalUrl());

        env.put("OS_REGION_NAME", "no-such-region");
        assertThatThrownBy(() -> GlanceClient.connect(ConnectionSettings.fromEnvironment(env)))
                .isInstanceOf(EndpointNotFoundException.class)
                .hasMessageContaining("no 'image' endpoint with interface internal in region no-such-region")
                .hasMessageContaining(GLANCE.internalUrl().toString());
    }

    @Test
    void anImageUrlOverridesTheCatalogButTheTokenIsStillKeystones() {
        Map<String, String> env = openrc();
        env.put("OS_IMAGE_URL", GLANCE.internalUrl() + "/v2/");
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(env));

        assertThat(client.endpoint()).isEqualTo(GLANCE.internalUrl());
        client.list(ImageQuery.all()).toList();
        assertThat(GLANCE.proxy().seen().getFirst().holder())
                .contains(GLANCE.keystone().user() + "@" + GLANCE.keystone().project());
    }

    @Test
    void anUnversionedAuthUrlIsDiscovered() {
        Map<String, String> env = openrc();
        String v3 = GLANCE.keystone().v3().toString();
        env.put("OS_AUTH_URL", v3.substring(0, v3.length() - "/v3".length()));
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(env));

        client.list(ImageQuery.all()).toList();
        assertThat(GLANCE.proxy().seen().getFirst().holder()).isPresent();
    }

    @Test
    void aWrongPasswordIsKeystones401NamingTheUserButNotThePassword() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "not-the-password-42");

        assertThatThrownBy(() -> GlanceClient.connect(ConnectionSettings.fromEnvironment(env)))
                .isInstanceOfSatisfying(KeystoneException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Keystone at " + GLANCE.keystone().v3())
                .hasMessageContaining("user '" + GLANCE.keystone().user() + "'")
                .hasMessageNotContaining("not-the-password-42");
        assertThat(GLANCE.proxy().seen()).isEmpty();
    }

    @Test
    void aTokenWithAnAuthUrlIsCheckedWithKeystoneForItsCatalog() throws Exception {
        String token = GLANCE.keystone().userToken();
        Map<String, String> env = new HashMap<>(Map.of("OS_AUTH_URL", GLANCE.keystone().v3().toString(),
                "OS_AUTH_TOKEN", token, "OS_REGION_NAME", GLANCE.region()));
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(env));

        assertThat(client.endpoint()).isEqualTo(GLANCE.publicUrl());
        client.list(ImageQuery.all()).toList();
        assertThat(GLANCE.proxy().seen()).singleElement()
                .satisfies(request -> assertThat(request.token()).isEqualTo(token));
    }

    @Test
    void aTokenWithAnImageUrlIsSentWithoutAskingKeystone() throws Exception {
        String token = GLANCE.keystone().userToken();
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(Map.of(
                "OS_AUTH_URL", "http://127.0.0.1:1/v3", // unreachable: must not be asked
                "OS_AUTH_TOKEN", token, "OS_IMAGE_URL", GLANCE.publicUrl().toString())));

        client.list(ImageQuery.all()).toList();
        assertThat(GLANCE.proxy().seen()).singleElement()
                .satisfies(request -> assertThat(request.token()).isEqualTo(token));
    }

    @Test
    void aRevokedTokenIsReplacedByOneNewLoginAndTheRequestSentAgain() throws Exception {
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(openrc()));
        Image created = client.create(NewImage.named("before-revocation"));
        String first = GLANCE.proxy().seen().getFirst().token();
        GLANCE.keystone().revoke(first);

        Image shown = client.show(created.id());

        assertThat(shown.id()).isEqualTo(created.id());
        List<TokenCheckingProxy.Seen> seen = GLANCE.proxy().seen();
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).token()).isEqualTo(first);
        assertThat(seen.get(1).holder()).isEmpty();
        assertThat(seen.get(2).token()).isNotEqualTo(first);
        assertThat(seen.get(2).holder()).contains(GLANCE.keystone().user() + "@" + GLANCE.keystone().project());
        assertThat(seen.get(2).request()).isEqualTo(seen.get(1).request());
    }

    @Test
    void aSecond401IsTheCallersAfterOneRenewal() {
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(openrc()));
        GLANCE.proxy().rejectEverything(true);

        assertThatThrownBy(() -> client.list(ImageQuery.all()).toList())
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("401");
        List<TokenCheckingProxy.Seen> seen = GLANCE.proxy().seen();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).token()).isNotEqualTo(seen.get(1).token());
        assertThat(seen).allSatisfy(request -> assertThat(request.holder()).isPresent());
    }

    @Test
    void aGivenTokenIsNotRenewed() throws Exception {
        String token = GLANCE.keystone().userToken();
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(Map.of(
                "OS_AUTH_TOKEN", token, "OS_IMAGE_URL", GLANCE.publicUrl().toString())));
        GLANCE.keystone().revoke(token);

        assertThatThrownBy(() -> client.list(ImageQuery.all()).toList()).isInstanceOf(UnauthorizedException.class);
        assertThat(GLANCE.proxy().seen()).singleElement().satisfies(request -> assertThat(request.holder()).isEmpty());
    }

    @Test
    void keystoneUnreachableIsAConnectionFailureNamingIt() {
        Map<String, String> env = openrc();
        env.put("OS_AUTH_URL", "http://127.0.0.1:1/v3");

        assertThatThrownBy(() -> GlanceClient.connect(ConnectionSettings.fromEnvironment(env)))
                .isInstanceOfSatisfying(KeystoneException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("Failed to reach Keystone at http://127.0.0.1:1/v3");
        assertThat(Optional.of(GLANCE.proxy().seen())).contains(List.of());
    }
}

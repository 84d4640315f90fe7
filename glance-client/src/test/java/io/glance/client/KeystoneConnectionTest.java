package io.glance.client;

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
    @TempDir
    static Path dataDir;
    private static GlanceApiProcess server;
    private static TestKeystone keystone;
    private static TokenCheckingProxy proxy;
    private static String region;
    private static URI publicUrl;
    private static URI internalUrl;

    @BeforeAll
    static void start() throws Exception {
        keystone = TestKeystone.require();
        server = GlanceApiProcess.start(dataDir);
        proxy = TokenCheckingProxy.start(server.endpoint(), keystone);
        publicUrl = URI.create("http://127.0.0.1:" + proxy.port());
        internalUrl = URI.create("http://localhost:" + proxy.port());
        region = keystone.registerImageService(publicUrl, internalUrl);
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
        proxy.rejectEverything(false);
        proxy.clear();
    }

    /** The variables an openrc file sets. */
    private static Map<String, String> openrc() {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", keystone.v3().toString());
        env.put("OS_USERNAME", keystone.user());
        env.put("OS_PASSWORD", keystone.password());
        env.put("OS_PROJECT_NAME", keystone.project());
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_DOMAIN_ID", "default");
        env.put("OS_REGION_NAME", region);
        return env;
    }

    @Test
    void passwordLoginFindsThePublicImageEndpointAndSendsItsToken() {
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(openrc()));

        assertThat(client.endpoint()).isEqualTo(publicUrl);
        Image created = client.create(NewImage.named("keystone-made").diskFormat("raw").containerFormat("bare"));
        assertThat(client.show(created.id()).name()).contains("keystone-made");

        List<TokenCheckingProxy.Seen> seen = proxy.seen();
        assertThat(seen).hasSize(2);
        assertThat(seen).allSatisfy(request -> assertThat(request.holder())
                .contains(keystone.user() + "@" + keystone.project()));
        assertThat(seen.get(0).token()).isEqualTo(seen.get(1).token());
    }

    @Test
    void theV1ClientLogsInTheSameWay() {
        GlanceV1Client client = GlanceV1Client.connect(ConnectionSettings.fromEnvironment(openrc()));

        assertThat(client.endpoint()).isEqualTo(publicUrl);
        client.list(ImageQueryV1.all());
        assertThat(proxy.seen()).singleElement().satisfies(request ->
                assertThat(request.holder()).contains(keystone.user() + "@" + keystone.project()));
    }

    @Test
    void interfaceAndRegionPickTheEndpoint() {
        Map<String, String> env = openrc();
        env.put("OS_INTERFACE", "internal");
        assertThat(GlanceClient.connect(ConnectionSettings.fromEnvironment(env)).endpoint()).isEqualTo(internalUrl);

        env.remove("OS_INTERFACE");
        env.put("OS_ENDPOINT_TYPE", "internalURL"); // glanceclient's spelling
        assertThat(GlanceClient.connect(ConnectionSettings.fromEnvironment(env)).endpoint()).isEqualTo(internalUrl);

        env.put("OS_REGION_NAME", "no-such-region");
        assertThatThrownBy(() -> GlanceClient.connect(ConnectionSettings.fromEnvironment(env)))
                .isInstanceOf(EndpointNotFoundException.class)
                .hasMessageContaining("no 'image' endpoint with interface internal in region no-such-region")
                .hasMessageContaining(internalUrl.toString());
    }

    @Test
    void anImageUrlOverridesTheCatalogButTheTokenIsStillKeystones() {
        Map<String, String> env = openrc();
        env.put("OS_IMAGE_URL", internalUrl + "/v2/");
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(env));

        assertThat(client.endpoint()).isEqualTo(internalUrl);
        client.list(ImageQuery.all()).toList();
        assertThat(proxy.seen().getFirst().holder()).contains(keystone.user() + "@" + keystone.project());
    }

    @Test
    void anUnversionedAuthUrlIsDiscovered() {
        Map<String, String> env = openrc();
        String v3 = keystone.v3().toString();
        env.put("OS_AUTH_URL", v3.substring(0, v3.length() - "/v3".length()));
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(env));

        client.list(ImageQuery.all()).toList();
        assertThat(proxy.seen().getFirst().holder()).isPresent();
    }

    @Test
    void aWrongPasswordIsKeystones401NamingTheUserButNotThePassword() {
        Map<String, String> env = openrc();
        env.put("OS_PASSWORD", "not-the-password-42");

        assertThatThrownBy(() -> GlanceClient.connect(ConnectionSettings.fromEnvironment(env)))
                .isInstanceOfSatisfying(KeystoneException.class, e -> assertThat(e.status()).isEqualTo(401))
                .hasMessageContaining("Keystone at " + keystone.v3())
                .hasMessageContaining("user '" + keystone.user() + "'")
                .hasMessageNotContaining("not-the-password-42");
        assertThat(proxy.seen()).isEmpty();
    }

    @Test
    void aTokenWithAnAuthUrlIsCheckedWithKeystoneForItsCatalog() throws Exception {
        String token = keystone.userToken();
        Map<String, String> env = new HashMap<>(Map.of("OS_AUTH_URL", keystone.v3().toString(),
                "OS_AUTH_TOKEN", token, "OS_REGION_NAME", region));
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(env));

        assertThat(client.endpoint()).isEqualTo(publicUrl);
        client.list(ImageQuery.all()).toList();
        assertThat(proxy.seen()).singleElement().satisfies(request -> assertThat(request.token()).isEqualTo(token));
    }

    @Test
    void aTokenWithAnImageUrlIsSentWithoutAskingKeystone() throws Exception {
        String token = keystone.userToken();
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(Map.of(
                "OS_AUTH_URL", "http://127.0.0.1:1/v3", // unreachable: must not be asked
                "OS_AUTH_TOKEN", token, "OS_IMAGE_URL", publicUrl.toString())));

        client.list(ImageQuery.all()).toList();
        assertThat(proxy.seen()).singleElement().satisfies(request -> assertThat(request.token()).isEqualTo(token));
    }

    @Test
    void aRevokedTokenIsReplacedByOneNewLoginAndTheRequestSentAgain() throws Exception {
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(openrc()));
        Image created = client.create(NewImage.named("before-revocation"));
        String first = proxy.seen().getFirst().token();
        keystone.revoke(first);

        Image shown = client.show(created.id());

        assertThat(shown.id()).isEqualTo(created.id());
        List<TokenCheckingProxy.Seen> seen = proxy.seen();
        assertThat(seen).hasSize(3);
        assertThat(seen.get(1).token()).isEqualTo(first);
        assertThat(seen.get(1).holder()).isEmpty();
        assertThat(seen.get(2).token()).isNotEqualTo(first);
        assertThat(seen.get(2).holder()).contains(keystone.user() + "@" + keystone.project());
        assertThat(seen.get(2).request()).isEqualTo(seen.get(1).request());
    }

    @Test
    void aSecond401IsTheCallersAfterOneRenewal() {
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(openrc()));
        proxy.rejectEverything(true);

        assertThatThrownBy(() -> client.list(ImageQuery.all()).toList())
                .isInstanceOf(UnauthorizedException.class)
                .hasMessageContaining("401");
        List<TokenCheckingProxy.Seen> seen = proxy.seen();
        assertThat(seen).hasSize(2);
        assertThat(seen.get(0).token()).isNotEqualTo(seen.get(1).token());
        assertThat(seen).allSatisfy(request -> assertThat(request.holder()).isPresent());
    }

    @Test
    void aGivenTokenIsNotRenewed() throws Exception {
        String token = keystone.userToken();
        GlanceClient client = GlanceClient.connect(ConnectionSettings.fromEnvironment(Map.of(
                "OS_AUTH_TOKEN", token, "OS_IMAGE_URL", publicUrl.toString())));
        keystone.revoke(token);

        assertThatThrownBy(() -> client.list(ImageQuery.all()).toList()).isInstanceOf(UnauthorizedException.class);
        assertThat(proxy.seen()).singleElement().satisfies(request -> assertThat(request.holder()).isEmpty());
    }

    @Test
    void keystoneUnreachableIsAConnectionFailureNamingIt() {
        Map<String, String> env = openrc();
        env.put("OS_AUTH_URL", "http://127.0.0.1:1/v3");

        assertThatThrownBy(() -> GlanceClient.connect(ConnectionSettings.fromEnvironment(env)))
                .isInstanceOfSatisfying(KeystoneException.class, e -> assertThat(e.status()).isZero())
                .hasMessageStartingWith("Failed to reach Keystone at http://127.0.0.1:1/v3");
        assertThat(Optional.of(proxy.seen())).contains(List.of());
    }
}

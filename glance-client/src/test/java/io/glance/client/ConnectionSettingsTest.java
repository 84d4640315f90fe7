package io.glance.client;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The OS_* variables, the way they choose a mode, and the catalog lookup. */
class ConnectionSettingsTest {

    @Test
    void readsTheVariablesOfAnOpenrcFile() {
        ConnectionSettings settings = ConnectionSettings.fromEnvironment(Map.ofEntries(
                Map.entry("OS_AUTH_URL", "http://keystone:5000/v3"), Map.entry("OS_USERNAME", "demo"),
                Map.entry("OS_PASSWORD", "secret"), Map.entry("OS_TENANT_NAME", "demo-project"),
                Map.entry("OS_USER_DOMAIN_ID", "default"), Map.entry("OS_PROJECT_DOMAIN_NAME", "Default"),
                Map.entry("OS_REGION_NAME", "RegionTwo"), Map.entry("OS_ENDPOINT_TYPE", "internalURL"),
                Map.entry("OS_CACERT", "/etc/ssl/ca.pem"), Map.entry("OS_IMAGE_URL", ""),
                Map.entry("OS_INSECURE", "true")));

        assertThat(settings.authUrl()).contains(URI.create("http://keystone:5000/v3"));
        assertThat(settings.projectName()).contains("demo-project");
        assertThat(settings.userDomainId()).contains("default");
        assertThat(settings.projectDomainName()).contains("Default");
        assertThat(settings.regionName()).contains("RegionTwo");
        assertThat(settings.interfaceName()).isEqualTo("internalURL");
        assertThat(settings.caFile()).contains(Path.of("/etc/ssl/ca.pem"));
        assertThat(settings.imageUrl()).isEmpty();
        assertThat(settings.insecure()).isTrue();
        assertThat(settings.mode()).isEqualTo(ConnectionSettings.Mode.PASSWORD);
        assertThat(settings.toString()).contains("username=demo", "password=***").doesNotContain("secret");
    }

    @Test
    void theModeFollowsGlanceclient() {
        assertThat(mode(Map.of("OS_IMAGE_URL", "http://g:9292"))).isEqualTo(ConnectionSettings.Mode.NO_AUTH);
        assertThat(mode(Map.of("OS_IMAGE_URL", "http://g:9292", "OS_AUTH_TOKEN", "t",
                "OS_AUTH_URL", "http://k/v3", "OS_USERNAME", "u", "OS_PASSWORD", "p")))
                .isEqualTo(ConnectionSettings.Mode.FIXED_TOKEN);
        assertThat(mode(Map.of("OS_AUTH_TOKEN", "t", "OS_AUTH_URL", "http://k/v3")))
                .isEqualTo(ConnectionSettings.Mode.TOKEN);
        assertThat(mode(Map.of("OS_AUTH_TOKEN", "t", "OS_AUTH_URL", "http://k/v3", "OS_USER_ID", "u",
                "OS_PASSWORD", "p"))).isEqualTo(ConnectionSettings.Mode.PASSWORD);
    }

    @Test
    void missingPiecesAreNamed() {
        assertThatThrownBy(() -> mode(Map.of()))
                .hasMessageContaining("OS_IMAGE_URL").hasMessageContaining("OS_AUTH_URL");
        assertThatThrownBy(() -> mode(Map.of("OS_AUTH_URL", "http://k/v3", "OS_USERNAME", "u")))
                .hasMessageContaining("No password for user 'u'");
        assertThatThrownBy(() -> mode(Map.of("OS_AUTH_URL", "http://k/v3")))
                .hasMessageContaining("OS_AUTH_URL http://k/v3 is set but no credentials");
        assertThatThrownBy(() -> mode(Map.of("OS_USERNAME", "u", "OS_PASSWORD", "p")))
                .hasMessageContaining("need OS_AUTH_URL");
    }

    @Test
    void theCatalogIsSearchedByTypeInterfaceAndRegion() {
        ServiceCatalog catalog = ServiceCatalog.fromToken(List.of(
                Map.of("type", "identity", "endpoints", List.of(endpoint("public", "RegionOne", "http://k/v3"))),
                Map.of("type", "image", "name", "glance", "endpoints", List.of(
                        endpoint("internal", "RegionOne", "http://glance-internal:9292"),
                        endpoint("public", "RegionOne", "https://glance.example.com/image"),
                        endpoint("public", "RegionTwo", "https://glance2.example.com")))));

        assertThat(catalog.endpoint("image", "public", Optional.empty()))
                .isEqualTo(URI.create("https://glance.example.com/image"));
        assertThat(catalog.endpoint("image", "publicURL", Optional.of("RegionTwo")))
                .isEqualTo(URI.create("https://glance2.example.com"));
        assertThat(catalog.endpoint("image", "internal", Optional.empty()))
                .isEqualTo(URI.create("http://glance-internal:9292"));
        assertThatThrownBy(() -> catalog.endpoint("image", "admin", Optional.empty()))
                .isInstanceOf(EndpointNotFoundException.class)
                .hasMessageContaining("no 'image' endpoint with interface admin")
                .hasMessageContaining("image internal RegionOne http://glance-internal:9292");
        assertThatThrownBy(() -> ServiceCatalog.fromToken(null).endpoint("image", "public", Optional.empty()))
                .hasMessageContaining("the token has no catalog");
    }

    private static Map<String, Object> endpoint(String interfaceName, String region, String url) {
        return Map.of("interface", interfaceName, "region_id", region, "region", region, "url", url);
    }

    private static ConnectionSettings.Mode mode(Map<String, String> env) {
        return ConnectionSettings.fromEnvironment(env).mode();
    }
}

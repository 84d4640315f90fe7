package io.glance.store.http;

import io.glance.store.spi.BadStoreConfigurationException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpStoreConfigTest {

    @Test
    void defaultsAllowPublicHttpAndHttpsOnTheirPorts() {
        HttpStoreConfig config = HttpStoreConfig.parse("web", Map.of());
        assertThat(config.allowedSchemes()).containsExactlyInAnyOrder("http", "https");
        assertThat(config.allowedPorts()).containsExactlyInAnyOrder(80, 443);
        assertThat(config.allowedHosts()).isEmpty();
        assertThat(config.maxRedirects()).isEqualTo(5);
        assertThat(config.timeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void listsAreCommaSeparatedAndStripped() {
        HttpStoreConfig config = HttpStoreConfig.parse("web", Map.of(HttpStoreConfig.PORTS, " 8080, 8443 ,",
                HttpStoreConfig.ALLOWED_HOSTS, "127.0.0.1, 10.0.0.0/8", HttpStoreConfig.SCHEMES, "HTTPS"));
        assertThat(config.allowedPorts()).containsExactlyInAnyOrder(8080, 8443);
        assertThat(config.allowedHosts()).containsExactly("127.0.0.1", "10.0.0.0/8");
        assertThat(config.allowedSchemes()).containsExactly("https");
    }

    @Test
    void badValuesNameTheStoreTheOptionAndTheValue() {
        assertThatThrownBy(() -> HttpStoreConfig.parse("web", Map.of(HttpStoreConfig.PORTS, "80,http")))
                .isInstanceOf(BadStoreConfigurationException.class)
                .hasMessage("http store 'web': option 'http_store_allowed_ports' value 'http' is not a port (1..65535)");
        assertThatThrownBy(() -> HttpStoreConfig.parse("web", Map.of(HttpStoreConfig.SCHEMES, "ftp")))
                .hasMessage("http store 'web': option 'http_store_allowed_schemes' value 'ftp' is not http or https");
        assertThatThrownBy(() -> HttpStoreConfig.parse("web", Map.of(HttpStoreConfig.MAX_REDIRECTS, "21")))
                .hasMessage("http store 'web': option 'http_store_max_redirects' value '21' is outside 0..20");
        assertThatThrownBy(() -> HttpStoreConfig.parse("web", Map.of("http_store_typo", "1")))
                .hasMessageStartingWith("http store 'web': unknown option 'http_store_typo'");
    }
}

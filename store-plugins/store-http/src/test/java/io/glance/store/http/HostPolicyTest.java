package io.glance.store.http;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SSRF guard: schemes, ports, host lists and resolved addresses, with a fake resolver. */
class HostPolicyTest {

    private static HostPolicy policy(String... options) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < options.length; i += 2) {
            map.put(options[i], options[i + 1]);
        }
        return new HostPolicy(HttpStoreConfig.parse("web", map), HostPolicyTest::resolve);
    }

    private static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "images.example" -> new InetAddress[] {ip("93.184.216.34")};
            case "rebind.example" -> new InetAddress[] {ip("93.184.216.34"), ip("127.0.0.1")};
            case "metadata.example" -> new InetAddress[] {ip("169.254.169.254")};
            case "internal.example" -> new InetAddress[] {ip("10.1.2.3")};
            case "localhost" -> new InetAddress[] {ip("127.0.0.1"), ip("::1")};
            default -> {
                if (AddressRange.isIpLiteral(host)) {
                    yield new InetAddress[] {InetAddress.getByName(host)};
                }
                throw new UnknownHostException(host);
            }
        };
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void publicHostOnDefaultPortPasses() {
        assertThatCode(() -> policy().check(URI.create("https://images.example/cirros.img"))).doesNotThrowAnyException();
    }

    @Test
    void internalAddressesAreDeniedByDefault() {
        HostPolicy policy = policy();
        for (String url : new String[] {"http://127.0.0.1/x", "http://localhost/x", "http://[::1]/x",
                "http://metadata.example/latest", "http://internal.example/x", "http://169.254.169.254/x",
                "http://192.168.1.1/x", "http://[fd00::1]/x", "http://0.0.0.0/x"}) {
            assertThatThrownBy(() -> policy.check(URI.create(url)))
                    .as(url).isInstanceOf(LocationDeniedException.class).hasMessageContaining("internal");
        }
    }

    @Test
    void aNameResolvingToAnyInternalAddressIsDenied() {
        assertThatThrownBy(() -> policy().check(URI.create("http://rebind.example/x")))
                .isInstanceOf(LocationDeniedException.class).hasMessageContaining("127.0.0.1");
    }

    @Test
    void explicitlyAllowedInternalAddressesPass() {
        HostPolicy policy = policy(HttpStoreConfig.ALLOWED_HOSTS, "10.0.0.0/8, localhost",
                HttpStoreConfig.PORTS, "80,8080");
        assertThatCode(() -> policy.check(URI.create("http://internal.example:8080/x"))).doesNotThrowAnyException();
        assertThatCode(() -> policy.check(URI.create("http://localhost/x"))).doesNotThrowAnyException();
        assertThatThrownBy(() -> policy.check(URI.create("http://images.example/x")))
                .as("not on the allow list").hasMessageContaining("http_store_allowed_hosts");
    }

    @Test
    void schemePortAndDenyListAreEnforced() {
        HostPolicy policy = policy(HttpStoreConfig.DENIED_HOSTS, "images.example, 203.0.113.0/24",
                HttpStoreConfig.SCHEMES, "https");
        assertThatThrownBy(() -> policy.check(URI.create("http://images.example/x"))).hasMessageContaining("'http'");
        assertThatThrownBy(() -> policy.check(URI.create("https://images.example:8443/x")))
                .hasMessageContaining("8443");
        assertThatThrownBy(() -> policy.check(URI.create("https://images.example/x")))
                .hasMessageContaining("http_store_denied_hosts");
        assertThatThrownBy(() -> policy.check(URI.create("https://203.0.113.9/x")))
                .hasMessageContaining("203.0.113.9");
        assertThatThrownBy(() -> policy.check(URI.create("ftp://images.example/x")))
                .isInstanceOf(LocationDeniedException.class);
    }

    @Test
    void unresolvableHostIsDenied() {
        assertThatThrownBy(() -> policy().check(URI.create("http://nowhere.example/x")))
                .hasMessageContaining("nowhere.example");
    }

    @Test
    void badOptionsNameTheValue() {
        assertThatThrownBy(() -> policy(HttpStoreConfig.ALLOWED_HOSTS, "10.0.0.0/99"))
                .hasMessageContaining("10.0.0.0/99");
        assertThatThrownBy(() -> policy(HttpStoreConfig.PORTS, "80,http")).hasMessageContaining("'http'");
    }
}

package io.glance.store.http;

import io.glance.store.spi.ConfigKey;
import io.glance.store.toolkit.OptionParser;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The options of one HTTP store, parsed and checked.
 *
 * @param allowedSchemes {@code http_store_allowed_schemes}
 * @param allowedHosts   {@code http_store_allowed_hosts}: names, IPs or CIDR blocks; empty allows any public host
 * @param deniedHosts    {@code http_store_denied_hosts}: names, IPs or CIDR blocks, checked first
 * @param allowedPorts   {@code http_store_allowed_ports}
 * @param maxRedirects   {@code http_store_max_redirects}
 * @param timeout        {@code http_store_timeout_seconds}: connecting, waiting for headers, and silence mid-body
 */
public record HttpStoreConfig(Set<String> allowedSchemes, List<String> allowedHosts, List<String> deniedHosts,
                              Set<Integer> allowedPorts, int maxRedirects, Duration timeout) {

    static final String SCHEMES = "http_store_allowed_schemes";
    static final String ALLOWED_HOSTS = "http_store_allowed_hosts";
    static final String DENIED_HOSTS = "http_store_denied_hosts";
    static final String PORTS = "http_store_allowed_ports";
    static final String MAX_REDIRECTS = "http_store_max_redirects";
    static final String TIMEOUT = "http_store_timeout_seconds";

    static final List<ConfigKey> KEYS = List.of(
            ConfigKey.optional(SCHEMES, "http,https", "URL schemes images may be read from"),
            ConfigKey.optional(ALLOWED_HOSTS, "", "comma list of host names, IPs or CIDR blocks; when set, only "
                    + "these; also the only way to permit loopback, link-local and private addresses"),
            ConfigKey.optional(DENIED_HOSTS, "", "comma list of host names, IPs or CIDR blocks never read from"),
            ConfigKey.optional(PORTS, "80,443", "comma list of ports images may be read from"),
            ConfigKey.optional(MAX_REDIRECTS, "5", "redirects followed per request, each checked by the policy"),
            ConfigKey.optional(TIMEOUT, "30", "seconds to connect, to get response headers, and of silence "
                    + "while reading a body"));

    public HttpStoreConfig {
        allowedSchemes = Set.copyOf(allowedSchemes);
        allowedHosts = List.copyOf(allowedHosts);
        deniedHosts = List.copyOf(deniedHosts);
        allowedPorts = Set.copyOf(allowedPorts);
        requireNonNull(timeout, "timeout is null");
    }

    public static HttpStoreConfig parse(String storeId, Map<String, String> options) {
        OptionParser parsed = OptionParser.of("http", storeId, KEYS, options);
        Set<String> schemes = new LinkedHashSet<>();
        for (String scheme : parsed.list(SCHEMES)) {
            String lower = scheme.toLowerCase(Locale.ROOT);
            if (!lower.equals("http") && !lower.equals("https")) {
                throw parsed.bad(SCHEMES, scheme, "is not http or https");
            }
            schemes.add(lower);
        }
        List<String> allowed = hosts(parsed, ALLOWED_HOSTS);
        List<String> denied = hosts(parsed, DENIED_HOSTS);
        Set<Integer> ports = new LinkedHashSet<>();
        for (String port : parsed.list(PORTS)) {
            ports.add(port(parsed, port));
        }
        int redirects = (int) parsed.number(MAX_REDIRECTS, 0, 20);
        long seconds = parsed.number(TIMEOUT, 1, 3600);
        return new HttpStoreConfig(schemes, allowed, denied, ports, redirects, Duration.ofSeconds(seconds));
    }

    private static List<String> hosts(OptionParser parsed, String key) {
        List<String> hosts = parsed.list(key);
        for (String host : hosts) {
            try {
                AddressRange.parseOrNull(host);
            } catch (IllegalArgumentException e) {
                throw parsed.bad(key, host, "is invalid: " + e.getMessage());
            }
        }
        return hosts;
    }

    private static int port(OptionParser parsed, String port) {
        try {
            int parsedPort = Integer.parseInt(port);
            if (parsedPort >= 1 && parsedPort <= 65535) {
                return parsedPort;
            }
        } catch (NumberFormatException e) {
            // refused below, like an out-of-range port
        }
        throw parsed.bad(PORTS, port, "is not a port (1..65535)");
    }
}

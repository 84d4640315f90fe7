package io.glance.server.imports;

import io.glance.config.Option;
import io.glance.config.OptionSection;
import io.glance.config.OptionValues;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Glance's {@code [import_filtering_opts]} (spec §7): allow and deny lists of schemes, hosts and ports for
 * web-download URIs. For each pair, a non-empty allow list decides alone (the deny list is then ignored), else the
 * deny list refuses; the port is checked only when the URI names one, as in Glance. Host matching is exact (no
 * wildcards); what Glance lacks, refusing private addresses after resolution, is {@link AddressCheck}'s job.
 */
public record ImportFilter(List<String> allowedSchemes, List<String> disallowedSchemes, List<String> allowedHosts,
                           List<String> disallowedHosts, List<Integer> allowedPorts, List<Integer> disallowedPorts) {

    public static final Option<List<String>> ALLOWED_SCHEMES = words("allowed_schemes", List.of("http", "https"),
            "schemes web-download may fetch (a non-empty list wins over `disallowed_schemes`)");
    public static final Option<List<String>> DISALLOWED_SCHEMES = words("disallowed_schemes", List.of(),
            "schemes web-download may not fetch (when `allowed_schemes` is empty)");
    public static final Option<List<String>> ALLOWED_HOSTS = words("allowed_hosts", List.of(),
            "hosts web-download may fetch from (exact names or addresses); a host listed here may also resolve to a"
                    + " private, loopback or link-local address");
    public static final Option<List<String>> DISALLOWED_HOSTS = words("disallowed_hosts", List.of(),
            "hosts web-download may not fetch from (when `allowed_hosts` is empty)");
    public static final Option<List<Integer>> ALLOWED_PORTS = ports("allowed_ports", List.of(80, 443),
            "ports a web-download URI may name (a non-empty list wins over `disallowed_ports`)");
    public static final Option<List<Integer>> DISALLOWED_PORTS = ports("disallowed_ports", List.of(),
            "ports a web-download URI may not name (when `allowed_ports` is empty)");
    /** Glance's {@code [import_filtering_opts]} section. */
    public static final OptionSection SECTION = new OptionSection("import_filtering_opts",
            "web-download's URI filter", List.of(ALLOWED_SCHEMES, DISALLOWED_SCHEMES, ALLOWED_HOSTS,
            DISALLOWED_HOSTS, ALLOWED_PORTS, DISALLOWED_PORTS));

    public ImportFilter {
        allowedSchemes = List.copyOf(allowedSchemes);
        disallowedSchemes = List.copyOf(disallowedSchemes);
        allowedHosts = List.copyOf(allowedHosts);
        disallowedHosts = List.copyOf(disallowedHosts);
        allowedPorts = List.copyOf(allowedPorts);
        disallowedPorts = List.copyOf(disallowedPorts);
    }

    public static ImportFilter defaults() {
        return new ImportFilter(List.of("http", "https"), List.of(), List.of(), List.of(), List.of(80, 443),
                List.of());
    }

    public static ImportFilter from(OptionValues values) {
        OptionValues section = values.section(SECTION);
        return new ImportFilter(section.get(ALLOWED_SCHEMES), section.get(DISALLOWED_SCHEMES),
                section.get(ALLOWED_HOSTS), section.get(DISALLOWED_HOSTS), section.get(ALLOWED_PORTS),
                section.get(DISALLOWED_PORTS));
    }

    /** Whether the URI passes the lists (Glance's {@code validate_import_uri}). */
    public boolean passes(URI uri) {
        String scheme = uri.getScheme();
        String host = uri.getHost();
        if (scheme == null || host == null) {
            return false;
        }
        if (!passes(scheme.toLowerCase(Locale.ROOT), allowedSchemes, disallowedSchemes)) {
            return false;
        }
        if (!passes(hostName(uri), allowedHosts, disallowedHosts)) {
            return false;
        }
        return uri.getPort() < 0 || passes(uri.getPort(), allowedPorts, disallowedPorts);
    }

    /** Whether the operator listed this URI's host in {@code allowed_hosts} by name. */
    public boolean explicitlyAllowed(URI uri) {
        return uri.getHost() != null && allowedHosts.contains(hostName(uri));
    }

    /** The host as written, lower case, IPv6 without brackets. */
    static String hostName(URI uri) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static <T> boolean passes(T value, List<T> allowed, List<T> denied) {
        if (!allowed.isEmpty()) {
            return allowed.contains(value);
        }
        return !denied.contains(value);
    }

    private static Option<List<String>> words(String name, List<String> defaults, String description) {
        return Option.of(name, defaults, defaults.isEmpty() ? "none" : String.join(",", defaults), description,
                text -> {
                    List<String> values = new ArrayList<>();
                    for (String part : text.split(",")) {
                        String value = part.strip().toLowerCase(Locale.ROOT);
                        if (!value.isEmpty()) {
                            values.add(value);
                        }
                    }
                    return List.copyOf(values);
                });
    }

    private static Option<List<Integer>> ports(String name, List<Integer> defaults, String description) {
        return Option.of(name, defaults, defaults.isEmpty() ? "none" : String.join(",",
                defaults.stream().map(String::valueOf).toList()), description, text -> {
            List<Integer> values = new ArrayList<>();
            for (String part : text.split(",")) {
                String value = part.strip();
                if (value.isEmpty()) {
                    continue;
                }
                int port;
                try {
                    port = Integer.parseInt(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("comma-separated ports from 1 to 65535");
                }
                if (port < 1 || port > 65535) {
                    throw new IllegalArgumentException("comma-separated ports from 1 to 65535");
                }
                values.add(port);
            }
            return List.copyOf(values);
        });
    }
}

package io.glance.store.http;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Which URLs the store may fetch. A URL passes when its scheme and port are allowed, its host is not denied (by name
 * or by any resolved address), it is on the allow list when there is one, and none of its resolved addresses is
 * internal (loopback, link-local, private, unique-local, wildcard or multicast) unless the host or that address is
 * allowed explicitly. Checked again for every redirect hop.
 */
final class HostPolicy {
    private final Set<String> schemes;
    private final Set<Integer> ports;
    private final List<String> allowedNames;
    private final List<AddressRange> allowedAddresses;
    private final List<String> deniedNames;
    private final List<AddressRange> deniedAddresses;
    private final Resolver resolver;

    /** Host name resolution, replaceable in tests. */
    @FunctionalInterface
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    HostPolicy(HttpStoreConfig config, Resolver resolver) {
        requireNonNull(config, "config is null");
        this.schemes = config.allowedSchemes();
        this.ports = config.allowedPorts();
        this.allowedNames = names(config.allowedHosts());
        this.allowedAddresses = ranges(config.allowedHosts());
        this.deniedNames = names(config.deniedHosts());
        this.deniedAddresses = ranges(config.deniedHosts());
        this.resolver = requireNonNull(resolver, "resolver is null");
    }

    /** @throws LocationDeniedException naming the URL and the rule it broke */
    void check(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!schemes.contains(scheme)) {
            throw denied(uri, "scheme '" + scheme + "' is not in http_store_allowed_schemes " + schemes);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw denied(uri, "it has no host");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        if (!ports.contains(port)) {
            throw denied(uri, "port " + port + " is not in http_store_allowed_ports " + ports);
        }
        if (uri.getRawUserInfo() != null) {
            throw denied(uri, "it carries user info");
        }
        if (deniedNames.contains(host)) {
            throw denied(uri, "host '" + host + "' is in http_store_denied_hosts");
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            throw denied(uri, "host '" + host + "' does not resolve");
        }
        boolean nameAllowed = allowedNames.contains(host);
        for (InetAddress address : addresses) {
            String ip = address.getHostAddress();
            if (deniedAddresses.stream().anyMatch(range -> range.contains(address))) {
                throw denied(uri, "address " + ip + " of '" + host + "' is in http_store_denied_hosts");
            }
            boolean addressAllowed = allowedAddresses.stream().anyMatch(range -> range.contains(address));
            boolean explicit = nameAllowed || addressAllowed;
            if (!explicit && !(allowedNames.isEmpty() && allowedAddresses.isEmpty())) {
                throw denied(uri, "host '" + host + "' (" + ip + ") is not in http_store_allowed_hosts");
            }
            if (!explicit && isInternal(address)) {
                throw denied(uri, "address " + ip + " of '" + host + "' is internal (loopback, link-local or "
                        + "private); list it in http_store_allowed_hosts to permit it");
            }
        }
    }

    static boolean isInternal(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64; // 100.64/10
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocalV6 || sharedV4;
    }

    private static LocationDeniedException denied(URI uri, String reason) {
        return new LocationDeniedException("http store refuses " + HttpLocations.safe(uri) + ": " + reason);
    }

    private static List<String> names(List<String> entries) {
        return entries.stream().filter(entry -> AddressRange.parseOrNull(entry) == null)
                .map(entry -> entry.toLowerCase(Locale.ROOT)).toList();
    }

    private static List<AddressRange> ranges(List<String> entries) {
        return entries.stream().map(AddressRange::parseOrNull).filter(range -> range != null).toList();
    }
}

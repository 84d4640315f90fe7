package io.glance.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The service catalog of a Keystone v3 token ({@code token.catalog}): which URL serves which service type, per
 * interface and region. Endpoints are chosen as keystoneauth chooses them: the first of the type whose interface
 * matches and, when a region is asked for, whose region matches.
 */
record ServiceCatalog(List<Endpoint> endpoints) {
    /** One catalog endpoint, flattened out of its service. */
    record Endpoint(String serviceType, String serviceName, String interfaceName, String region, URI url) {
        @Override
        public String toString() {
            return serviceType + " " + interfaceName + (region.isEmpty() ? "" : " " + region) + " " + url;
        }
    }

    ServiceCatalog {
        endpoints = List.copyOf(endpoints);
    }

    static final ServiceCatalog EMPTY = new ServiceCatalog(List.of());

    /** Reads the {@code catalog} array of a v3 token body; anything not shaped like an endpoint is skipped. */
    static ServiceCatalog fromToken(Object catalog) {
        List<Endpoint> endpoints = new ArrayList<>();
        if (catalog instanceof List<?> services) {
            for (Object service : services) {
                if (!(service instanceof Map<?, ?> entry) || !(entry.get("endpoints") instanceof List<?> urls)) {
                    continue;
                }
                String type = text(entry.get("type"));
                String name = text(entry.get("name"));
                for (Object url : urls) {
                    if (url instanceof Map<?, ?> endpoint && endpoint.get("url") instanceof String address) {
                        String region = text(endpoint.get("region_id"));
                        endpoints.add(new Endpoint(type, name, text(endpoint.get("interface")),
                                region.isEmpty() ? text(endpoint.get("region")) : region, URI.create(address)));
                    }
                }
            }
        }
        return new ServiceCatalog(endpoints);
    }

    /**
     * The URL of {@code serviceType} at {@code interfaceName} ({@code public}, {@code internal}, {@code admin}, or
     * glanceclient's {@code publicURL} spelling) in {@code region} (any region when empty).
     */
    URI endpoint(String serviceType, String interfaceName, Optional<String> region) {
        requireNonNull(serviceType, "serviceType is null");
        String wanted = normalizeInterface(interfaceName);
        for (Endpoint endpoint : endpoints) {
            if (endpoint.serviceType().equals(serviceType) && endpoint.interfaceName().equals(wanted)
                    && region.map(endpoint.region()::equals).orElse(true)) {
                return endpoint.url();
            }
        }
        List<Endpoint> ofType = endpoints.stream().filter(e -> e.serviceType().equals(serviceType)).toList();
        throw new EndpointNotFoundException("Keystone's catalog has no '" + serviceType + "' endpoint with interface "
                + wanted + region.map(name -> " in region " + name).orElse("")
                + (ofType.isEmpty() ? " (it has no '" + serviceType + "' endpoint at all"
                        + (endpoints.isEmpty() ? "; the token has no catalog" : "") + ")"
                        : "; it has: " + ofType)
                + "; give the URL with OS_IMAGE_URL (--os-image-url) or pick another OS_INTERFACE/OS_REGION_NAME");
    }

    /** {@code publicURL} (glanceclient's OS_ENDPOINT_TYPE style) is {@code public}. */
    static String normalizeInterface(String name) {
        String lower = name.strip().toLowerCase(Locale.ROOT);
        return lower.endsWith("url") ? lower.substring(0, lower.length() - 3) : lower;
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }
}

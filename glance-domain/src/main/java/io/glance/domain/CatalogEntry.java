package io.glance.domain;

import java.util.List;
import java.util.Objects;

/**
 * One service of the caller's Keystone catalog, as the token carried it: Glance passes the catalog on so that calls
 * made on the caller's behalf (e.g. to Swift) find their endpoints the way the caller's own clients do.
 *
 * @param type      the service type, e.g. {@code object-store}
 * @param name      the service name, e.g. {@code swift}, or {@code null}
 * @param endpoints its endpoints
 */
public record CatalogEntry(String type, String name, List<Endpoint> endpoints) {

    public CatalogEntry {
        Objects.requireNonNull(type, "type is null");
        endpoints = List.copyOf(endpoints);
    }

    /**
     * @param iface  {@code public}, {@code internal} or {@code admin}
     * @param region the region id, or {@code null}
     * @param url    the endpoint's URL
     */
    public record Endpoint(String iface, String region, String url) {
        public Endpoint {
            Objects.requireNonNull(iface, "iface is null");
            Objects.requireNonNull(url, "url is null");
        }
    }
}

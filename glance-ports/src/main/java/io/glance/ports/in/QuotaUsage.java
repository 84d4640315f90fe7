package io.glance.ports.in;

import io.glance.domain.RequestContext;

import java.util.Map;

/** What {@code GET /v2/info/usage} shows: the caller's project's limits and usage, by Keystone resource name. */
@FunctionalInterface
public interface QuotaUsage {

    /** @param limit what the project may use; @param usage what it uses now */
    record ResourceUsage(long limit, long usage) {
    }

    /** No unified limits: nothing to show. */
    QuotaUsage NONE = context -> Map.of();

    /** Empty when glance does not use Keystone's unified limits ({@code use_keystone_limits: false}). */
    Map<String, ResourceUsage> usage(RequestContext context);
}

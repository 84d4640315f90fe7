package io.glance.ports.out;

import java.util.Map;
import java.util.Set;

/**
 * Keystone's unified limits for glance ({@code use_keystone_limits}): how much of each resource a project may use.
 * Which Keystone, which endpoint and region, and how glance logs in to ask, are the adapter's business.
 */
@FunctionalInterface
public interface ProjectLimits {

    /**
     * The limit of each of {@code resources} for {@code projectId}: the project's own limit when Keystone has one,
     * else the limit registered for every project.
     *
     * @return resource name to limit; a resource with no limit at all is absent (oslo.limit then counts it as 0)
     * @throws io.glance.domain.ServiceUnavailableException when Keystone cannot be asked
     */
    Map<String, Long> limits(String projectId, Set<String> resources);
}

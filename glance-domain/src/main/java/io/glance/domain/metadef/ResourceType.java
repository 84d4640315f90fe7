package io.glance.domain.metadef;

import java.time.Instant;

/**
 * A kind of cloud resource whose properties namespaces describe, e.g. {@code OS::Glance::Image}. Protected resource
 * types (those the definitions loader made) matter only to deletion, which no API offers.
 */
public record ResourceType(String name, boolean isProtected, Instant createdAt, Instant updatedAt) {

    public ResourceType {
        MetadefNames.check("resource type", name);
    }
}

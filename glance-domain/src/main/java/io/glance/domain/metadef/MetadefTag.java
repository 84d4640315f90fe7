package io.glance.domain.metadef;

import java.time.Instant;

/** A tag of a namespace; {@code createdAt} is null before it is stored. */
public record MetadefTag(String name, Instant createdAt, Instant updatedAt) {

    public MetadefTag {
        MetadefNames.check("tag", name);
    }

    public static MetadefTag named(String name) {
        return new MetadefTag(name, null, null);
    }
}

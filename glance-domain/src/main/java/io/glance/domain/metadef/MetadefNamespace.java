package io.glance.domain.metadef;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * A namespace of the catalog: a unique name and who may see it. {@code visibility} and {@code isProtected} may be
 * null for namespaces loaded from definitions files that omit them: a null visibility is not public (but is shown
 * as private), a null protected flag does not protect.
 *
 * @param updatedAt null until the namespace is first changed through the API (the loader leaves it unset)
 */
public record MetadefNamespace(String namespace, String displayName, String description, String visibility,
                               Boolean isProtected, String owner, Instant createdAt, Instant updatedAt) {
    public static final String PUBLIC = "public";
    public static final String PRIVATE = "private";

    public MetadefNamespace {
        MetadefNames.check("namespace", namespace);
        requireNonNull(owner, "owner is null");
        requireNonNull(createdAt, "createdAt is null");
        if (visibility != null && !visibility.equals(PUBLIC) && !visibility.equals(PRIVATE)) {
            throw new IllegalArgumentException("visibility must be public or private, not " + visibility);
        }
    }

    public boolean isPublic() {
        return PUBLIC.equals(visibility);
    }

    /** Whether deletes of the namespace and of anything in it are refused. */
    public boolean protects() {
        return Boolean.TRUE.equals(isProtected);
    }

    /** What the API shows: a missing visibility reads as private. */
    public String shownVisibility() {
        return visibility == null ? PRIVATE : visibility;
    }
}

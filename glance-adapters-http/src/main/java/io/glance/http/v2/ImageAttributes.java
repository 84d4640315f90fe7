package io.glance.http.v2;

import io.glance.domain.ForbiddenException;

import java.util.Set;

/** Which image attributes a client may not write, and why (Glance's images RequestDeserializer). */
final class ImageAttributes {
    /** Keys a create body may not contain at all. */
    static final Set<String> DISALLOWED_ON_CREATE = Set.of("direct_url", "self", "file", "schema", "stores");
    /**
     * Attributes only the server writes. {@code stores} is computed from the locations, so a client cannot set it
     * either (Glance would store it as a property on PATCH, and then show a lie).
     */
    static final Set<String> READ_ONLY = Set.of("created_at", "updated_at", "status", "checksum", "size",
            "virtual_size", "direct_url", "self", "file", "schema", "id", "os_hash_algo", "os_hash_value", "stores");
    /** Reserved for Glance's own bookkeeping. */
    static final Set<String> RESERVED = Set.of("location", "locations", "deleted", "deleted_at");
    /** Properties in this namespace belong to Glance (import progress, staging host). */
    static final String RESERVED_NAMESPACE = "os_glance_";
    /** The typed attributes of an image; everything else is a string property. */
    static final Set<String> BASE = Set.of("id", "name", "status", "visibility", "protected", "os_hidden",
            "checksum", "os_hash_algo", "os_hash_value", "owner", "size", "virtual_size", "container_format",
            "disk_format", "min_ram", "min_disk", "created_at", "updated_at", "tags");
    static final String LOCATIONS = "locations";

    private ImageAttributes() {
    }

    /** 403 for a key a client may not write; {@code id} only counts when {@code idIsReadOnly} (PATCH). */
    static void requireWritable(String key, boolean idIsReadOnly) {
        if (READ_ONLY.contains(key) && (idIsReadOnly || !key.equals("id"))) {
            throw new ForbiddenException("Attribute '" + key + "' is read-only.");
        }
        if (RESERVED.contains(key) || key.startsWith(RESERVED_NAMESPACE)) {
            throw new ForbiddenException("Attribute '" + key + "' is reserved.");
        }
    }
}

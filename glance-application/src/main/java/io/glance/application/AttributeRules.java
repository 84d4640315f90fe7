package io.glance.application;

import io.glance.domain.ForbiddenException;
import io.glance.domain.Image;
import io.glance.domain.InvalidInputException;

import java.util.Set;

/**
 * Which image attributes a client may write (Glance v2 §2.2, §3): read-only ones the server computes, reserved ones
 * for Glance's bookkeeping, and the {@code os_glance_} namespace. The HTTP adapter checks them too; the use cases
 * check again because they are the last line and other adapters may call them.
 */
final class AttributeRules {
    /** Attributes only the server writes. {@code id} is settable on create, so it is added for updates. */
    static final Set<String> READ_ONLY = Set.of("created_at", "updated_at", "status", "checksum", "size",
            "virtual_size", "os_hash_algo", "os_hash_value", "direct_url", "self", "file", "schema", "stores");
    static final Set<String> RESERVED = Set.of("location", "locations", "deleted", "deleted_at");
    static final String RESERVED_NAMESPACE = "os_glance_";
    /** The writable typed attributes; everything else that is writable is a string property. */
    static final Set<String> WRITABLE_BASE = Set.of("name", "visibility", "protected", "os_hidden", "min_disk",
            "min_ram", "disk_format", "container_format", "owner", "tags");
    static final int MAX_PROPERTY_KEY_LENGTH = 255;

    private AttributeRules() {
    }

    /** 403 for read-only and reserved keys; on update {@code id} is read-only too. */
    static void requireWritable(String key, boolean update) {
        if (READ_ONLY.contains(key) || (update && key.equals("id"))) {
            throw new ForbiddenException("Attribute '" + key + "' is read-only.");
        }
        if (RESERVED.contains(key) || key.startsWith(RESERVED_NAMESPACE)) {
            throw new ForbiddenException("Attribute '" + key + "' is reserved.");
        }
    }

    /** A custom property's key: writable, not a base attribute's name, 1 to 255 characters. */
    static void checkPropertyKey(String key) {
        requireWritable(key, true);
        if (WRITABLE_BASE.contains(key)) {
            throw new InvalidInputException("Property '" + key + "' is an image attribute, not a custom property");
        }
        if (key.isEmpty() || key.length() > MAX_PROPERTY_KEY_LENGTH) {
            throw new InvalidInputException("Invalid property name: '" + key + "' (1 to " + MAX_PROPERTY_KEY_LENGTH
                    + " characters)");
        }
    }

    static void checkTag(String tag) {
        if (tag == null) {
            throw new InvalidInputException("Invalid tag: null");
        }
        if (tag.length() > Image.MAX_TAG_LENGTH) {
            throw new InvalidInputException("Tag '" + abbreviate(tag) + "' is " + tag.length()
                    + " characters long; at most " + Image.MAX_TAG_LENGTH + " are allowed");
        }
    }

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}

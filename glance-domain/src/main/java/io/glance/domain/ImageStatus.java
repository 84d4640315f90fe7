package io.glance.domain;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The image status machine of Glance v2 (glance/domain/__init__.py). {@code deleted} is terminal. One addition for
 * API v1: {@code queued → killed}, because Glance v1 kills an image whose upload it refuses before any byte is read
 * (a body with the wrong Content-Type), and v2's machine only kills from {@code saving}.
 */
public enum ImageStatus {
    QUEUED, SAVING, UPLOADING, IMPORTING, ACTIVE, DEACTIVATED, KILLED, DELETED, PENDING_DELETE;

    private Set<ImageStatus> next;

    static {
        QUEUED.next = EnumSet.of(SAVING, UPLOADING, IMPORTING, ACTIVE, KILLED, DELETED);
        SAVING.next = EnumSet.of(ACTIVE, QUEUED, KILLED, DELETED);
        UPLOADING.next = EnumSet.of(IMPORTING, QUEUED, DELETED);
        IMPORTING.next = EnumSet.of(ACTIVE, QUEUED, DELETED);
        ACTIVE.next = EnumSet.of(DEACTIVATED, DELETED, PENDING_DELETE);
        DEACTIVATED.next = EnumSet.of(ACTIVE, DELETED);
        PENDING_DELETE.next = EnumSet.of(DELETED, ACTIVE);
        KILLED.next = EnumSet.of(DELETED);
        DELETED.next = EnumSet.noneOf(ImageStatus.class);
    }

    public boolean canMoveTo(ImageStatus target) {
        return next.contains(target);
    }

    /** The wire form: lower case, e.g. {@code pending_delete}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the wire form; throws {@link InvalidInputException} naming the value when unknown. */
    public static ImageStatus fromWire(String value) {
        for (ImageStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException("Invalid status value: " + value);
    }
}

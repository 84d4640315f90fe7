package io.glance.domain;

import java.util.Locale;

/** The status a project gives to an image shared with it. */
public enum MemberStatus {
    PENDING, ACCEPTED, REJECTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MemberStatus fromWire(String value) {
        for (MemberStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        throw new InvalidInputException("Invalid member status: " + value);
    }
}

package io.glance.application;

import io.glance.domain.LimitExceededException;

/**
 * Glance's per-image quotas ({@code image_property_quota}, {@code image_tag_quota}, {@code image_member_quota}, all
 * 128 by default). A change is refused only when it grows a collection past its quota, so an image that is over
 * quota (the quota was lowered) can still shrink.
 */
final class Quotas {
    static final int PROPERTIES = 128;
    static final int TAGS = 128;
    static final int MEMBERS = 128;

    private Quotas() {
    }

    static void checkProperties(int before, int after) {
        check("image properties", PROPERTIES, before, after);
    }

    static void checkTags(int before, int after) {
        check("image tags", TAGS, before, after);
    }

    static void checkMembers(int before, int after) {
        check("image members", MEMBERS, before, after);
    }

    private static void check(String what, int maximum, int before, int after) {
        if (after > maximum && after > before) {
            throw new LimitExceededException("The limit has been exceeded on the number of allowed " + what
                    + ". Attempted: " + after + ", Maximum: " + maximum);
        }
    }
}

package io.glance.http.common;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Glance's timestamp format ({@code oslo_utils.timeutils.isotime}): UTC, whole seconds, {@code Z}. */
public final class Timestamps {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return ISO_SECONDS.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}

package io.glance.application.metadef;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The catalog shows {@code YYYY-MM-DDThh:mm:ssZ}: times are whole seconds. */
final class MetadefTime {

    private MetadefTime() {
    }

    static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }
}

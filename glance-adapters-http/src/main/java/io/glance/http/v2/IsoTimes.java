package io.glance.http.v2;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** ISO 8601 times as oslo's {@code parse_isotime} accepts them; a time without offset is UTC. */
final class IsoTimes {

    private IsoTimes() {
    }

    static Optional<Instant> parse(String text) {
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .toInstant());
        } catch (DateTimeParseException notWithOffset) {
            // fall through
        }
        try {
            return Optional.of(LocalDateTime.parse(value.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notLocal) {
            // fall through
        }
        try {
            return Optional.of(LocalDate.parse(value, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay()
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notADate) {
            return Optional.empty();
        }
    }
}

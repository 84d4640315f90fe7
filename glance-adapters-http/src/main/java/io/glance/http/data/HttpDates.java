package io.glance.http.data;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/** HTTP-dates (RFC 9110 §5.6.7): written as IMF-fixdate, read in all three historic forms. */
final class HttpDates {
    private static final DateTimeFormatter IMF_FIXDATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_850 =
            DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ASCTIME =
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC);

    private HttpDates() {
    }

    static String format(Instant instant) {
        return IMF_FIXDATE.format(instant);
    }

    /** @return empty for anything that is not an HTTP-date: RFC 9110 says such a condition is ignored */
    static Optional<Instant> parse(String value) {
        String text = value.strip();
        for (DateTimeFormatter format : new DateTimeFormatter[] {IMF_FIXDATE, DateTimeFormatter.RFC_1123_DATE_TIME,
                RFC_850, ASCTIME}) {
            try {
                return Optional.of(Instant.from(format.parse(text)));
            } catch (DateTimeParseException notThisForm) {
                // try the next form
            }
        }
        return Optional.empty();
    }
}

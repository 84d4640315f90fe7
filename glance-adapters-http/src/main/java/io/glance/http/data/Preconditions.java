package io.glance.http.data;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The conditional request headers of a GET or HEAD of image data, in RFC 9110 §13.2.2's order: If-Match, else
 * If-Unmodified-Since (412 when false); then If-None-Match, else If-Modified-Since (304 when false); If-Range is
 * decided with the range. Callers evaluate them only after the caller may see the data at all, so neither a 304
 * nor a 412 tells a stranger that an image exists.
 */
final class Preconditions {

    enum Outcome { PROCEED, NOT_MODIFIED, PRECONDITION_FAILED }

    private Preconditions() {
    }

    /** @param hasData whether there is a current representation (If-Match: * and If-None-Match: * ask this) */
    static Outcome evaluate(Headers headers, DataValidator validator, boolean hasData) {
        List<String> ifMatch = all(headers, HeaderNames.IF_MATCH);
        if (!ifMatch.isEmpty()) {
            EntityTags tags = EntityTags.parse(ifMatch);
            boolean holds = tags.any() ? hasData : tags.strongMatch(validator.etag());
            if (!holds) {
                return Outcome.PRECONDITION_FAILED;
            }
        } else {
            Optional<Instant> since = date(headers, HeaderNames.IF_UNMODIFIED_SINCE);
            if (since.isPresent() && validator.lastModified() != null && validator.lastModified().isAfter(since.get())) {
                return Outcome.PRECONDITION_FAILED;
            }
        }
        List<String> ifNoneMatch = all(headers, HeaderNames.IF_NONE_MATCH);
        if (!ifNoneMatch.isEmpty()) {
            EntityTags tags = EntityTags.parse(ifNoneMatch);
            boolean matches = tags.any() ? hasData : tags.weakMatch(validator.etag());
            return matches ? Outcome.NOT_MODIFIED : Outcome.PROCEED;
        }
        Optional<Instant> since = date(headers, HeaderNames.IF_MODIFIED_SINCE);
        if (hasData && since.isPresent() && validator.lastModified() != null
                && !validator.lastModified().isAfter(since.get())) {
            return Outcome.NOT_MODIFIED;
        }
        return Outcome.PROCEED;
    }

    /**
     * If-Range (RFC 9110 §13.1.5): the range applies only if the validator it carries still describes the data: an
     * entity-tag by strong comparison, a date by equality with Last-Modified. Without If-Range it applies.
     */
    static boolean rangeApplies(Headers headers, DataValidator validator) {
        Optional<String> ifRange = headers.first(HeaderNames.IF_RANGE).map(String::strip);
        if (ifRange.isEmpty()) {
            return true;
        }
        String value = ifRange.get();
        if (value.startsWith("\"") || value.startsWith("W/")) {
            return validator.etag() != null && !EntityTags.isWeak(value) && value.equals(validator.etag());
        }
        Optional<Instant> date = HttpDates.parse(value);
        return date.isPresent() && validator.lastModified() != null && validator.lastModified().equals(date.get());
    }

    private static List<String> all(Headers headers, HeaderName name) {
        return headers.contains(name) ? headers.get(name).allValues() : List.of();
    }

    private static Optional<Instant> date(Headers headers, HeaderName name) {
        return headers.first(name).flatMap(HttpDates::parse);
    }
}

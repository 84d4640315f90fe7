package io.glance.http.v2;

import io.glance.domain.InvalidInputException;
import io.glance.domain.RangeNotSatisfiableException;
import io.glance.ports.in.RangeRequest;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte range of a download (Glance's {@code get_range_from_request}): one {@code Range: bytes=a-b|a-|-n}, or,
 * for old clients, a request {@code Content-Range: bytes a-b/len}. Several ranges are a 400, anything unparsable
 * a 416. Whether the range fits the data is decided once the size is known.
 */
final class RangeHeaders {
    private static final Pattern RANGE = Pattern.compile("\\s*bytes\\s*=\\s*(\\d*)\\s*-\\s*(\\d*)\\s*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*",
            Pattern.CASE_INSENSITIVE);

    private RangeHeaders() {
    }

    /** @return the requested range, empty for the whole data */
    static Optional<RangeRequest> parse(Headers headers) {
        Optional<String> range = headers.first(HeaderNames.RANGE);
        if (range.isPresent()) {
            return Optional.of(parseRange(range.get()));
        }
        return headers.first(HeaderNames.CONTENT_RANGE).map(RangeHeaders::parseContentRange);
    }

    private static RangeRequest parseRange(String header) {
        if (header.indexOf(',') >= 0) {
            throw new InvalidInputException("Requests with multiple ranges are not supported in Glance. You may make"
                    + " multiple single-range requests instead. (Range: " + header + ")");
        }
        Matcher matcher = RANGE.matcher(header);
        if (!matcher.matches() || (matcher.group(1).isEmpty() && matcher.group(2).isEmpty())) {
            throw invalid("Range", header);
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long suffix = Long.parseLong(matcher.group(2));
                if (suffix == 0) {
                    throw invalid("Range", header);
                }
                return new RangeRequest(-1, suffix);
            }
            long first = Long.parseLong(matcher.group(1));
            long last = matcher.group(2).isEmpty() ? -1 : Long.parseLong(matcher.group(2));
            if (last >= 0 && last < first) {
                throw invalid("Range", header);
            }
            return new RangeRequest(first, last);
        } catch (NumberFormatException tooLarge) {
            throw invalid("Range", header);
        }
    }

    private static RangeRequest parseContentRange(String header) {
        Matcher matcher = CONTENT_RANGE.matcher(header);
        if (!matcher.matches()) {
            throw invalid("Content-Range", header);
        }
        try {
            long first = Long.parseLong(matcher.group(1));
            long last = Long.parseLong(matcher.group(2));
            if (last < first) {
                throw invalid("Content-Range", header);
            }
            if (!matcher.group(3).equals("*") && Long.parseLong(matcher.group(3)) <= last) {
                throw invalid("Content-Range", header);
            }
            return new RangeRequest(first, last);
        } catch (NumberFormatException tooLarge) {
            throw invalid("Content-Range", header);
        }
    }

    private static RangeNotSatisfiableException invalid(String name, String header) {
        return new RangeNotSatisfiableException("Invalid " + name + " header: " + header.strip());
    }
}

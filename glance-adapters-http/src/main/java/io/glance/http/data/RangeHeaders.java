package io.glance.http.data;

import io.glance.domain.RangeNotSatisfiableException;
import io.glance.ports.in.RangeRequest;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The byte ranges of a download: {@code Range: bytes=a-b|a-|-n[, ...]} (RFC 9110 §14.1.2), or, for old clients, a
 * request {@code Content-Range: bytes a-b/len} as Glance's {@code get_range_from_request} reads it. Anything
 * unparsable is a 416, as in Glance. Whether a range fits the data is decided once the size is known.
 */
final class RangeHeaders {
    private static final Pattern UNIT = Pattern.compile("\\s*bytes\\s*=(.*)", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern SPEC = Pattern.compile("\\s*(\\d*)\\s*-\\s*(\\d*)\\s*");
    private static final Pattern CONTENT_RANGE = Pattern.compile("\\s*bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)\\s*",
            Pattern.CASE_INSENSITIVE);

    private RangeHeaders() {
    }

    /** @return the requested ranges in the client's order, empty for the whole data */
    static List<RangeRequest> parse(Headers headers) {
        if (headers.contains(HeaderNames.RANGE)) {
            return parseRange(headers.get(HeaderNames.RANGE).allValues());
        }
        return headers.first(HeaderNames.CONTENT_RANGE).map(header -> List.of(parseContentRange(header)))
                .orElse(List.of());
    }

    private static List<RangeRequest> parseRange(List<String> values) {
        String header = String.join(",", values);
        Matcher unit = UNIT.matcher(header);
        if (!unit.matches()) {
            throw invalid("Range", header);
        }
        List<RangeRequest> ranges = new ArrayList<>();
        for (String spec : unit.group(1).split(",", -1)) {
            if (spec.isBlank() && ranges.size() > 0) {
                continue; // RFC 9110's list syntax allows empty elements
            }
            ranges.add(parseSpec(spec, header));
        }
        return List.copyOf(ranges);
    }

    private static RangeRequest parseSpec(String spec, String header) {
        Matcher matcher = SPEC.matcher(spec);
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
